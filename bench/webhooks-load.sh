#!/usr/bin/env bash
# Webhook delivery benchmark of issue 6: event → first attempt latency and deliveries per second to a local
# receiver on 127.0.0.1, against real server processes.
#
#   bench/webhooks-load.sh sqlite|postgres
#
# Env: LATENCY_RATE (events/s, default 100), LATENCY_COUNT (2000), ENDPOINTS (10), SUSTAINED_RATE (events/s,
# default 150), SUSTAINED_SECONDS (20), BACKLOG (events, 2000).
# Phases (see bench/Verilock.Bench.Webhooks/Program.cs): latency with one endpoint; sustained fan-out to
# ENDPOINTS endpoints; a backlog queued with delivery off, drained by a fresh server. Output and the server
# log go to bench/results/webhooks-<database>-<timestamp>/. Not run in CI.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
bench_init webhooks "${1:-}"

echo "== build (Release)"
dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/Verilock.Bench.Webhooks" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
bench="$root/bench/Verilock.Bench.Webhooks/bin/Release/net10.0/Verilock.Bench.Webhooks.dll"

[[ $database == postgres ]] && bench_postgres 200

{
    bench_machine
    echo "database: $database"
    dotnet "$bench" --server "$server" --data-dir "$work" \
        --latency-rate "${LATENCY_RATE:-100}" --latency-count "${LATENCY_COUNT:-2000}" --endpoints "${ENDPOINTS:-10}" \
        --sustained-rate "${SUSTAINED_RATE:-150}" --sustained-seconds "${SUSTAINED_SECONDS:-20}" --backlog "${BACKLOG:-2000}" \
        2>"$results/server.log"
} | tee "$results/summary.txt"
