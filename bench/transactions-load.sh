#!/usr/bin/env bash
# Transaction monitoring benchmark of issue 19: POST /api/v1/transactions/screen/batch (100 transactions a batch,
# velocity and new-recipient reads against a growing table, both counterparty names screened) against a real
# server process.
#
#   bench/transactions-load.sh sqlite|postgres
#
# Env: MODE (live: the real lists of ../shared/data/sanctions screen the names; test: the sandbox list; default live),
# BATCHES (one at a time, default 200), SUSTAINED_SECONDS (default 20), CONCURRENCY (batches in flight, default 4),
# SENDERS (sender/receiver account pool, default 2000). Targets: p50 ≤ 50 ms a batch, ≥ 2,000 transactions/s on
# SQLite. Output and the server log go to bench/results/transactions-<database>-<timestamp>/. Not run in CI.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
bench_init transactions "${1:-}"
mode=${MODE:-live}
lists="$root/../shared/data/sanctions"
if [[ $mode == live ]]; then
    [[ -d $lists ]] || { echo "$lists not found (or run with MODE=test)" >&2; exit 2; }
    lists_args=(--lists "$lists")
else
    lists_args=(--lists "$lists")  # /readyz waits for a loaded list in either mode
fi

echo "== build (Release)"
dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/Verilock.Bench.Transactions" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
bench="$root/bench/Verilock.Bench.Transactions/bin/Release/net10.0/Verilock.Bench.Transactions.dll"

# The Release output has no models folder; /readyz waits for them.
export VERILOCK__CHECKS__MODELSDIRECTORY="$root/models"
[[ $database == postgres ]] && bench_postgres 50

{
    bench_machine
    echo "database: $database, mode: $mode"
    dotnet "$bench" --server "$server" --data-dir "$work" --mode "$mode" "${lists_args[@]}" \
        --batches "${BATCHES:-200}" --seconds "${SUSTAINED_SECONDS:-20}" --concurrency "${CONCURRENCY:-4}" --senders "${SENDERS:-2000}" \
        2>"$results/server.log"
} | tee "$results/summary.txt"
