#!/usr/bin/env bash
# Creates .venv with Python 3.10 and installs requirements.lock and this project into it.
# Reinstalls only when requirements.lock or pyproject.toml changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP=$VENV/.installed
WANT=$(cat requirements.lock pyproject.toml | sha256sum | cut -d' ' -f1)

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] && [ -x "$VENV/bin/zwgk" ]; then
    exit 0
fi

find_python() {
    if command -v python3.10 >/dev/null 2>&1 && python3.10 -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
        command -v python3.10; return
    fi
    local root
    if command -v pyenv >/dev/null 2>&1; then root=$(pyenv root); else root=${PYENV_ROOT:-$HOME/.pyenv}; fi
    local candidate
    for candidate in "$root"/versions/3.10*/bin/python3.10; do
        [ -x "$candidate" ] && { echo "$candidate"; return; }
    done
    return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
    if ! PY=$(find_python); then
        cat >&2 <<'MSG'
error: Python 3.10 not found.
Rasa Open Source 3.6 runs on Python 3.8-3.10; this project needs 3.10.
Looked for `python3.10` on PATH and for pyenv's versions/3.10*/bin/python3.10.
Install it, e.g. `pyenv install 3.10` or your distribution's python3.10 and python3.10-venv packages.
MSG
        exit 1
    fi
    echo "bootstrap: creating $VENV with $PY"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV" || { echo "error: '$PY -m venv' failed (is the venv module installed?)" >&2; exit 1; }
fi

echo "bootstrap: installing requirements.lock into $VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "pip==24.0"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
"$VENV/bin/python" -m pip check || { echo "error: installed packages are inconsistent (pip check above)" >&2; exit 1; }
echo "$WANT" > "$STAMP"
echo "bootstrap: done"
