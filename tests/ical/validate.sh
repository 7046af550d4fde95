#!/usr/bin/env bash
# Starts `relais demo` on a free loopback port, downloads the network feed, the workshops'
# feed, the public events feed (news) and the feed of every place the demo agenda links to,
# and reads them with the Python `icalendar` library (from PyPI) through
# tests/ical/check_feeds.py.
#
#   bash tests/ical/validate.sh target/debug/relais
set -euo pipefail
RELAIS_BIN="$1"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ICALENDAR_VERSION="7.3.2"

VENV="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/icalendar-venv"
if ! "$VENV/bin/python" -c "import icalendar, sys; sys.exit(icalendar.__version__ != '$ICALENDAR_VERSION')" 2>/dev/null; then
    echo "Installing icalendar $ICALENDAR_VERSION from PyPI into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "icalendar==$ICALENDAR_VERSION"
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

curl -fsS "$BASE/agenda.ics" -o "$WORK/network.ics"
curl -fsS "$BASE/ateliers.ics" -o "$WORK/workshops.ics"
curl -fsS "$BASE/evenements.ics" -o "$WORK/events.ics"
FEEDS=("$WORK/network.ics" "$WORK/workshops.ics" "$WORK/events.ics")
for place in $(curl -fsS "$BASE/permanences" | grep -o 'href="/lieux/[0-9]*"' | grep -o '[0-9]*' | sort -u); do
    curl -fsS "$BASE/lieux/$place/agenda.ics" -o "$WORK/place-$place.ics"
    FEEDS+=("$WORK/place-$place.ics")
done
[[ ${#FEEDS[@]} -ge 2 ]] || { echo "the demo agenda links to no place" >&2; exit 1; }
"$VENV/bin/python" "$REPO_ROOT/tests/ical/check_feeds.py" "${FEEDS[@]}"
