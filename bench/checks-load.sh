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

database=${1:?usage: bench/checks-load.sh sqlite|postgres}
[[ $database == sqlite || $database == postgres ]] || { echo "database must be sqlite or postgres" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
lists="$root/../shared/data/sanctions"
[[ -d $lists ]] || { echo "$lists is missing: this benchmark needs the shared sanctions snapshots" >&2; exit 2; }
"$root/scripts/setup"
results="$root/bench/results/checks-$database-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
work=$(mktemp -d "${TMPDIR:-/tmp}/verilock-bench-checks.XXXXXX")
pg_started=""
cleanup() {
    [[ -n $pg_started ]] && postgres_stop
    rm -rf "$work"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/Verilock.Bench.Checks" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
bench="$root/bench/Verilock.Bench.Checks/bin/Release/net10.0/Verilock.Bench.Checks.dll"

if [[ $database == postgres ]]; then
    # shellcheck source=/dev/null
    source "$root/scripts/postgres.sh"
    postgres_start --durable
    pg_started=1
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U verilock -d postgres -c 'create database bench'
    export VERILOCK__DATABASE__PROVIDER=postgres
    export VERILOCK__DATABASE__CONNECTIONSTRING="Host=127.0.0.1;Port=$PG_PORT;Username=verilock;Database=bench"
fi

{
    echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "database: $database"
    dotnet "$bench" --server "$server" --data-dir "$work" --lists "$lists" --models "$root/models" \
        --latency-count "${LATENCY_COUNT:-40}" --throughput-count "${THROUGHPUT_COUNT:-100}" --workers "${WORKERS:-2}" \
        2>"$results/server.log"
} | tee "$results/summary.txt"
