#!/usr/bin/env bash
# Set up (if needed), then run ceasefire's main job on the bundled sample:
# ingest the sample reports into ./sample.db, show what was found, and print
# the incidents and the disputes between sources.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cf=.venv/bin/ceasefire
if [ -z "${CEASEFIRE_DB:-}" ]; then
    # the demo's own database starts empty each time, so that it shows what this version
    # of the pipeline finds (stored articles are never processed again by a later ingest)
    export CEASEFIRE_DB=sample.db
    rm -f sample.db sample.db-wal sample.db-shm
fi

echo "== ingesting samples/ into $CEASEFIRE_DB"
$cf ingest samples/
echo
echo "== what the database holds"
$cf stats
for cmd in incidents disputes; do
    if $cf "$cmd" --help >/dev/null 2>&1; then
        echo
        echo "== $cmd"
        $cf "$cmd"
    fi
done
echo
$cf report --since 2022-01-01 --format md --output sample-report.md
$cf report --since 2022-01-01 --format html --output sample-report.html
echo "== situation reports written to sample-report.md and sample-report.html"
