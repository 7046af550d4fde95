#!/usr/bin/env bash
# Starts `relais demo`, validates the OpenAPI document it serves and lets schemathesis (from
# PyPI) generate requests from it against the live server: no answer may be a server error,
# and every answer must match the document (status codes, content types, response schemas).
#
#   bash tests/api/check.sh target/debug/relais
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=tests/lib/demo-and-venv.sh
source "$REPO_ROOT/tests/lib/demo-and-venv.sh"
# schemathesis 3.39 needs a Hypothesis from before 6.113.
python_with schemathesis-venv schemathesis 3.39.16 hypothesis==6.112.0
start_demo "$1"

"$PYTHON" -m schemathesis.cli run "$BASE/api/openapi.json" \
    --base-url "$BASE" \
    --checks all \
    --hypothesis-max-examples "${API_EXAMPLES:-60}" \
    --hypothesis-derandomize \
    --validate-schema true \
    --experimental=openapi-3.1 \
    --no-color
