#!/usr/bin/env bash
# Starts `relais demo` on a free loopback port, downloads the network feed, the workshops'
# feed, the public events feed (news) and the feed of every place the demo agenda links to,
# and reads them with the Python `icalendar` library (from PyPI) through
# tests/ical/check_feeds.py.
#
#   bash tests/ical/validate.sh target/debug/relais
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=tests/lib/demo-and-venv.sh
source "$REPO_ROOT/tests/lib/demo-and-venv.sh"
python_with icalendar-venv icalendar 7.3.2
start_demo "$1"

curl -fsS "$BASE/agenda.ics" -o "$WORK/network.ics"
curl -fsS "$BASE/ateliers.ics" -o "$WORK/workshops.ics"
curl -fsS "$BASE/evenements.ics" -o "$WORK/events.ics"
FEEDS=("$WORK/network.ics" "$WORK/workshops.ics" "$WORK/events.ics")
for place in $(curl -fsS "$BASE/permanences" | grep -o 'href="/lieux/[0-9]*"' | grep -o '[0-9]*' | sort -u); do
    curl -fsS "$BASE/lieux/$place/agenda.ics" -o "$WORK/place-$place.ics"
    FEEDS+=("$WORK/place-$place.ics")
done
[[ ${#FEEDS[@]} -ge 2 ]] || { echo "the demo agenda links to no place" >&2; exit 1; }
"$PYTHON" "$REPO_ROOT/tests/ical/check_feeds.py" "${FEEDS[@]}"
