#!/usr/bin/env bash
# Set up (if needed) and run the whole default test suite, plus the linter.
# Slow evaluation runs are marked and left out; run them with: scripts/test.sh -m slow
# Where PostgreSQL's server programs are installed, the store tests also run
# against a throwaway PostgreSQL cluster (set CEASEFIRE_TEST_DB_URL to use your own).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests bench

pg_dir=""
stop_pg() { [ -n "$pg_dir" ] && as_pg pg_ctl -D "$pg_dir/data" -m fast stop >/dev/null 2>&1; rm -rf "$pg_dir"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi; }
if [ -z "${CEASEFIRE_TEST_DB_URL:-}" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    pg_dir=$(mktemp -d)
    [ "$(id -u)" = 0 ] && chown nobody "$pg_dir"
    port=$((50000 + RANDOM % 10000))
    if as_pg initdb -D "$pg_dir/data" -A trust -U ceasefire >/dev/null 2>&1 \
        && as_pg pg_ctl -D "$pg_dir/data" -o "-k $pg_dir -p $port -c listen_addresses=''" \
            -l "$pg_dir/log" -w start >/dev/null 2>&1 \
        && as_pg createdb -h "$pg_dir" -p "$port" -U ceasefire scratch; then
        export CEASEFIRE_TEST_DB_URL="postgresql+psycopg://ceasefire@/scratch?host=$pg_dir&port=$port"
        trap stop_pg EXIT
        echo "test: store tests also run on a throwaway PostgreSQL ($pg_dir)" >&2
    else
        echo "test: could not start PostgreSQL; store tests run on SQLite only" >&2
        stop_pg; pg_dir=""
    fi
fi
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
