#!/usr/bin/env python3
"""Derives a national-scale directory from the real open-data rows, for the benchmark.

    derive_places.py REAL.csv COUNT OUT.csv PATHS.txt

REAL.csv is a "Schéma des lieux de médiation numérique" v1 CSV (the export of the real files).
Copy 0 of each row is the row itself; copy k (k ≥ 1) gets its own id, the commune renamed
"<commune> k" (so that communes stay small, as they are nationally) and its position moved
north by k × 1.5 km. Names, services, hours and texts are the real ones.

PATHS.txt receives the search requests the load test replays: commune, postcode, free text,
radius, service and "open on a half-day" searches drawn from the derived data.
"""

import csv
import random
import sys


def main() -> None:
    real_path, count, out_path, paths_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    with open(real_path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames
        rows = list(reader)
    if not rows:
        sys.exit("no row in " + real_path)
    derived = []
    copy = 0
    while len(derived) < count:
        for row in rows:
            if len(derived) == count:
                break
            new = dict(row)
            if copy:
                new["id"] = f"{row['id']}-copie-{copy}"
                if row["commune"]:
                    new["commune"] = f"{row['commune']} {copy}"
                new["code_insee"] = ""
                if row["latitude"] and row["longitude"]:
                    new["latitude"] = f"{float(row['latitude']) + copy * 0.0135:.6f}"
            new["source"] = "banc-d-essai"
            derived.append(new)
        copy += 1
    with open(out_path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(derived)

    rng = random.Random(2026)
    located = [r for r in derived if r["latitude"] and r["longitude"] and r["commune"]]
    words = [w for r in rows for w in r["nom"].split() if len(w) >= 5 and w.isalpha()]
    paths = []
    for _ in range(2000):
        r = rng.choice(located)
        kind = rng.randrange(6)
        if kind == 0:
            paths.append(f"/api/v1/lieux?commune={quote(r['commune'])}")
        elif kind == 1:
            paths.append(f"/api/v1/lieux?commune={r['code_postal']}")
        elif kind == 2:
            paths.append(f"/api/v1/lieux?q={quote(rng.choice(words))}&commune={quote(r['commune'])}")
        elif kind == 3:
            paths.append(f"/api/v1/lieux?lat={r['latitude']}&lon={r['longitude']}&rayon=10")
        elif kind == 4:
            paths.append(
                f"/api/v1/lieux?commune={quote(r['commune'])}&rayon=15"
                "&service=aide-aux-demarches-administratives"
            )
        else:
            paths.append(
                f"/api/v1/lieux?lat={r['latitude']}&lon={r['longitude']}&rayon=20&jour=mardi&moment=matin"
            )
    with open(paths_path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(paths) + "\n")


def quote(text: str) -> str:
    from urllib.parse import quote as q

    return q(text, safe="")


if __name__ == "__main__":
    main()
