#!/usr/bin/env bash
# Checks benchmark of issue 3: submit → decision for document-only live sessions (rendered document photos, real
# OCR) and the throughput of the check workers, against real server processes.
#
#   bench/checks-load.sh sqlite|postgres
#
# Env: LATENCY_COUNT (sessions, default 40), THROUGHPUT_COUNT (100), WORKERS (2).
# Needs the sanctions snapshots in ../shared/data/sanctions (the server must have lists to be ready) and the models
# scripts/setup fetches. Output goes to bench/results/checks-<database>-<timestamp>/. Not run in CI.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
bench_init checks "${1:-}"
lists="$root/../shared/data/sanctions"
[[ -d $lists ]] || { echo "$lists is missing: this benchmark needs the shared sanctions snapshots" >&2; exit 2; }
"$root/scripts/setup"

echo "== build (Release)"
dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/Verilock.Bench.Checks" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
bench="$root/bench/Verilock.Bench.Checks/bin/Release/net10.0/Verilock.Bench.Checks.dll"

[[ $database == postgres ]] && bench_postgres

{
    bench_machine
    echo "database: $database"
    dotnet "$bench" --server "$server" --data-dir "$work" --lists "$lists" --models "$root/models" \
        --latency-count "${LATENCY_COUNT:-40}" --throughput-count "${THROUGHPUT_COUNT:-100}" --workers "${WORKERS:-2}" \
        2>"$results/server.log"
} | tee "$results/summary.txt"
