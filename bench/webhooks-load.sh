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

database=${1:?usage: bench/webhooks-load.sh sqlite|postgres}
[[ $database == sqlite || $database == postgres ]] || { echo "database must be sqlite or postgres" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/bench/results/webhooks-$database-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/verilock-bench-webhooks.XXXXXX")
pg_started=""
cleanup() {
    [[ -n $pg_started ]] && postgres_stop
    rm -rf "$work"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/Verilock.Bench.Webhooks" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
bench="$root/bench/Verilock.Bench.Webhooks/bin/Release/net10.0/Verilock.Bench.Webhooks.dll"

if [[ $database == postgres ]]; then
    # shellcheck source=/dev/null
    source "$root/scripts/postgres.sh"
    postgres_start --durable
    pg_started=1
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U verilock -d postgres -c 'create database bench'
    export VERILOCK__DATABASE__PROVIDER=postgres
    export VERILOCK__DATABASE__CONNECTIONSTRING="Host=127.0.0.1;Port=$PG_PORT;Username=verilock;Database=bench;Maximum Pool Size=200"
fi

{
    echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "database: $database"
    dotnet "$bench" --server "$server" --data-dir "$work" \
        --latency-rate "${LATENCY_RATE:-100}" --latency-count "${LATENCY_COUNT:-2000}" --endpoints "${ENDPOINTS:-10}" \
        --sustained-rate "${SUSTAINED_RATE:-150}" --sustained-seconds "${SUSTAINED_SECONDS:-20}" --backlog "${BACKLOG:-2000}" \
        2>"$results/server.log"
} | tee "$results/summary.txt"
