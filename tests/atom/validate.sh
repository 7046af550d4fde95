#!/usr/bin/env bash
# Starts `relais demo` on a free loopback port, downloads the public news feed
# (/actualites.atom) and reads it with the Python `feedparser` library (from PyPI) through
# tests/atom/check_feed.py.
#
#   bash tests/atom/validate.sh target/debug/relais
set -euo pipefail
RELAIS_BIN="$1"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FEEDPARSER_VERSION="6.0.11"

VENV="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/feedparser-venv"
if ! "$VENV/bin/python" -c "import feedparser, sys; sys.exit(feedparser.__version__ != '$FEEDPARSER_VERSION')" 2>/dev/null; then
    echo "Installing feedparser $FEEDPARSER_VERSION from PyPI into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "feedparser==$FEEDPARSER_VERSION"
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
"$RELAIS_BIN" demo --listen 127.0.0.1:0 --data-dir "$WORK/data" >"$WORK/demo.log" 2>&1 &
SERVER_PID=$!
BASE=""
for _ in $(seq 1 300); do
    BASE="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/demo.log" | head -n 1 || true)"
    [[ -n "$BASE" ]] && break
    sleep 0.2
done
[[ -n "$BASE" ]] || { echo "relais demo printed no address:" >&2; cat "$WORK/demo.log" >&2; exit 1; }

curl -fsS "$BASE/actualites.atom" -o "$WORK/actualites.atom"
"$VENV/bin/python" "$REPO_ROOT/tests/atom/check_feed.py" "$WORK/actualites.atom"
