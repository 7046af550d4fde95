# Shared by the feed checks (tests/ical, tests/atom): a Python library from PyPI in a venv,
# and `relais demo` started on a free loopback port. Source it, then call:
#
#   python_with VENV_NAME MODULE VERSION [PIN…]  # sets PYTHON to the venv's interpreter;
#                                             PINs (e.g. hypothesis==6.112.0) go in with it
#   start_demo RELAIS_BIN                   # sets WORK (a temporary folder) and BASE (http://…)
#
# The demo is stopped and WORK removed when the script exits.

python_with() {
    local name="$1" module="$2" version="$3"
    shift 3
    local venv="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/$name"
    local wanted="$module==$version $*"
    if ! "$venv/bin/python" -c "import $module, sys; sys.exit($module.__version__ != '$version')" 2>/dev/null \
        || [[ "$(cat "$venv/relais-pins" 2>/dev/null)" != "$wanted" ]]; then
        echo "Installing $wanted from PyPI into $venv"
        python3 -m venv "$venv"
        # shellcheck disable=SC2086 # the pins are separate words
        "$venv/bin/pip" install --quiet "$module==$version" "$@"
        echo "$wanted" >"$venv/relais-pins"
    fi
    PYTHON="$venv/bin/python"
}

start_demo() {
    WORK="$(mktemp -d)"
    SERVER_PID=""
    trap 'if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
    "$1" demo --listen 127.0.0.1:0 --data-dir "$WORK/data" >"$WORK/demo.log" 2>&1 &
    SERVER_PID=$!
    BASE=""
    for _ in $(seq 1 300); do
        BASE="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/demo.log" | head -n 1 || true)"
        [[ -n "$BASE" ]] && break
        sleep 0.2
    done
    [[ -n "$BASE" ]] || { echo "relais demo printed no address:" >&2; cat "$WORK/demo.log" >&2; exit 1; }
}
