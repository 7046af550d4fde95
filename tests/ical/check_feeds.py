"""Reads iCalendar feeds with the `icalendar` library from PyPI and checks what every
calendar application relies on. Exits non-zero with the reasons on any problem.

    python check_feeds.py FEED.ics [FEED.ics ...]

Each feed must parse, hold at least one event, and every event must have a unique UID, a
DTSTAMP, a SUMMARY, a LOCATION, and a DTSTART before its DTEND, both timezone-aware. At least
one event across the feeds must be cancelled (STATUS:CANCELLED), as the demo content has one.
"""
import sys

from icalendar import Calendar


def check(path, problems, seen):
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:  # the library's own parse errors
        problems.append(f"{path}: does not parse: {error}")
        return 0, 0
    events = list(calendar.walk("VEVENT"))
    if not events:
        problems.append(f"{path}: no event")
    cancelled = 0
    uids = set()
    for event in events:
        uid = str(event.get("UID", ""))
        where = f"{path}: event {uid or '(no UID)'}"
        if not uid:
            problems.append(f"{where}: no UID")
        if uid in uids:
            problems.append(f"{where}: UID repeated")
        uids.add(uid)
        for field in ("DTSTAMP", "SUMMARY", "LOCATION", "DTSTART", "DTEND"):
            if event.get(field) is None:
                problems.append(f"{where}: no {field}")
        start, end = event.get("DTSTART"), event.get("DTEND")
        if start is not None and end is not None:
            start, end = start.dt, end.dt
            if getattr(start, "tzinfo", None) is None or getattr(end, "tzinfo", None) is None:
                problems.append(f"{where}: start or end without a time zone")
            elif not start < end:
                problems.append(f"{where}: starts at {start}, not before its end {end}")
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            cancelled += 1
    seen.update(uids)
    return len(events), cancelled


def main(paths):
    problems, seen = [], set()
    total_events, total_cancelled = 0, 0
    for path in paths:
        events, cancelled = check(path, problems, seen)
        total_events += events
        total_cancelled += cancelled
        print(f"{path}: {events} events, {cancelled} cancelled")
    if total_cancelled == 0:
        problems.append("no cancelled event in any feed")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
