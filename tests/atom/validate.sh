#!/usr/bin/env bash
# Starts `relais demo` on a free loopback port, downloads the public news feed
# (/actualites.atom) and reads it with the Python `feedparser` library (from PyPI) through
# tests/atom/check_feed.py.
#
#   bash tests/atom/validate.sh target/debug/relais
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=tests/lib/demo-and-venv.sh
source "$REPO_ROOT/tests/lib/demo-and-venv.sh"
python_with feedparser-venv feedparser 6.0.11
start_demo "$1"

curl -fsS "$BASE/actualites.atom" -o "$WORK/actualites.atom"
"$PYTHON" "$REPO_ROOT/tests/atom/check_feed.py" "$WORK/actualites.atom"
