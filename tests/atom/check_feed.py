"""Reads an Atom feed with the `feedparser` library from PyPI and checks what feed readers
rely on. Exits non-zero with the reasons on any problem.

    python check_feed.py FEED.atom

The feed must be well-formed Atom 1.0 (no "bozo" error), have a title, an id, an update
time and a link to its page, and hold at least one entry; every entry must have a unique id,
a title, a link, a publication and an update time, and an HTML content with no script.
"""
import sys

import feedparser


def main(path):
    problems = []
    with open(path, "rb") as handle:
        feed = feedparser.parse(handle.read())
    if feed.bozo:
        problems.append(f"{path}: not well-formed: {feed.bozo_exception}")
    if feed.version != "atom10":
        problems.append(f"{path}: read as {feed.version!r}, expected atom10")
    for field in ("title", "id", "updated_parsed", "link"):
        if not feed.feed.get(field):
            problems.append(f"{path}: the feed has no {field}")
    if not feed.entries:
        problems.append(f"{path}: no entry")
    ids = set()
    for entry in feed.entries:
        where = f"{path}: entry {entry.get('id', '(no id)')}"
        if not entry.get("id"):
            problems.append(f"{where}: no id")
        if entry.get("id") in ids:
            problems.append(f"{where}: id repeated")
        ids.add(entry.get("id"))
        for field in ("title", "link", "published_parsed", "updated_parsed"):
            if not entry.get(field):
                problems.append(f"{where}: no {field}")
        contents = entry.get("content", [])
        if not contents or contents[0].get("type") != "text/html" or not contents[0].get("value"):
            problems.append(f"{where}: no HTML content")
        elif "<script" in contents[0]["value"].lower():
            problems.append(f"{where}: a script in the content")
    if problems:
        print("\n".join(problems), file=sys.stderr)
        sys.exit(1)
    print(f"{path}: Atom 1.0 feed with {len(feed.entries)} entries read by feedparser {feedparser.__version__}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_feed.py FEED.atom")
    main(sys.argv[1])
