#!/usr/bin/env bash
# Imports every real open-data file of shared/data with `relais import`, exports the directory
# with `relais export`, and validates the export with frictionless (from PyPI) against the
# standard's schema v1.0.1. Any frictionless error fails the run.
#
#   bash tests/opendata/validate.sh target/debug/relais
set -euo pipefail
RELAIS_BIN="$1"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
FRICTIONLESS_VERSION="5.18.1"

DATA=""
for candidate in "${RELAIS_SHARED_DATA:-}" "$REPO_ROOT/../shared/data" /work/shared/data; do
    if [[ -n "$candidate" && -d "$candidate" ]]; then DATA="$candidate"; break; fi
done
if [[ -z "$DATA" ]]; then
    echo "the shared real data folder is missing: set RELAIS_SHARED_DATA" >&2
    exit 1
fi

VENV="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/frictionless-venv"
if ! "$VENV/bin/frictionless" --version 2>/dev/null | grep -q "$FRICTIONLESS_VERSION"; then
    echo "Installing frictionless $FRICTIONLESS_VERSION from PyPI into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "frictionless==$FRICTIONLESS_VERSION"
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
export RELAIS_DATABASE_URL="sqlite://$WORK/relais.db"
FILES=(
    mediation-v1/2023-05-17_hub-du-sud_lieux-de-mediation-numerique_provence-alpes-cote-d-azur.json
    mediation-v1/2023-07-11_charente_lieux-de-mediation-numerique_nouvelle-aquitaine.json
    mediation-v0.1/data-inclusion_lieux-de-mediation-numerique_v0.1.json
    mediation-v0.1/hinaura_lieux-de-mediation-numerique_v0.1.json
    mediation-v0.1/le-havre_lieux-de-mediation-numerique_v0.1-like.json
    mediation-v0.1/aix-en-provence_lieux-de-mediation-numerique_v0.1-like.json
    data-inclusion/numi_structures_data-inclusion-v0.json
    hub-formats/france-services_liste-fs-20221201.csv
    hub-formats/bfc-ternum-dataset.csv
    hub-formats/rhinocc-inclusion-dataset.csv
    hub-formats/regionsud_lieux-dinclusion-numerique-2022_v2.csv
    schemas/standard-mediation-num/exemple-valide-v1.0.2.csv
)
for file in "${FILES[@]}"; do
    echo "relais import $file"
    "$RELAIS_BIN" import "$DATA/$file" --report "$WORK/report.csv"
done
"$RELAIS_BIN" export --output "$WORK/lieux.csv"
ROWS=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$WORK/lieux.csv")
echo "Validating $ROWS exported rows with frictionless $FRICTIONLESS_VERSION"
# frictionless only opens files below the working directory.
cp "$DATA/schemas/standard-mediation-num/schema-v1.0.1.json" "$WORK/schema.json"
(cd "$WORK" && "$VENV/bin/frictionless" validate --schema schema.json --json lieux.csv > validation.json) || true
python3 - "$WORK/validation.json" "$ROWS" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rows = int(sys.argv[2])
errors = report.get("errors", [])
for task in report.get("tasks", []):
    errors += task.get("errors", [])
    stats = task.get("stats", {})
    checked = stats.get("rows")
    if checked is not None and checked != rows:
        print(f"frictionless read {checked} rows, expected {rows}")
        sys.exit(1)
if rows < 10000:
    print(f"only {rows} rows exported: the imports did not all land")
    sys.exit(1)
if errors or not report.get("valid"):
    for error in errors[:20]:
        print(error.get("message"))
    print(f"{len(errors)} frictionless error(s)")
    sys.exit(1)
print(f"frictionless: {rows} rows, 0 errors")
PY
