#!/usr/bin/env bash
# Set up (if needed) and run the whole default test suite, plus the linter.
# Slow evaluation runs are marked and left out; run them with: scripts/test.sh -m slow
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests bench
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
