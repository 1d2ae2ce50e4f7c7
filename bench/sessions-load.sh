#!/usr/bin/env bash
# Load benchmark of issue 2: GET/POST /api/v1/sessions with 1,000,000 sessions in one account.
#
#   bench/sessions-load.sh sqlite|postgres
#
# Env: SESSIONS (default 1000000), DURATION (wrk -d, default 20s), CONNECTIONS (default 64), THREADS (default 2).
# Builds Release, (for postgres) starts a throwaway durable PostgreSQL, creates a key, seeds, starts the server
# on a free loopback port with rate limiting off, warms up, runs wrk per scenario, prints a summary and stops
# everything it started. Raw wrk output goes to bench/results/<database>-<timestamp>/. Not run in CI.
set -euo pipefail

database=${1:?usage: bench/sessions-load.sh sqlite|postgres}
[[ $database == sqlite || $database == postgres ]] || { echo "database must be sqlite or postgres" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
sessions=${SESSIONS:-1000000}
duration=${DURATION:-20s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 2; }

results="$root/bench/results/$database-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$results"
work=$(mktemp -d /tmp/verilock-bench.XXXXXX)
server_pid=""
pg_started=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    [[ -n $pg_started ]] && postgres_stop
    rm -rf "$work"
}
trap cleanup EXIT

echo "== build (Release)"
dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/Verilock.Bench.Seed" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
seeder="$root/bench/Verilock.Bench.Seed/bin/Release/net10.0/Verilock.Bench.Seed.dll"

export VERILOCK__RATELIMIT__PERMITPERMINUTE=0
if [[ $database == postgres ]]; then
    # shellcheck source=/dev/null
    source "$root/scripts/postgres.sh"
    postgres_start --durable
    pg_started=1
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U verilock -d postgres -c 'create database bench'
    connection="Host=127.0.0.1;Port=$PG_PORT;Username=verilock;Database=bench"
    export VERILOCK__DATABASE__PROVIDER=postgres
    export VERILOCK__DATABASE__CONNECTIONSTRING="$connection;Maximum Pool Size=200"
else
    connection="Data Source=$work/verilock.db"
fi

echo "== key and seed ($sessions sessions)"
key=$(dotnet "$server" keys create --account bench --mode test --data-dir "$work" | tail -n 1)
dotnet "$seeder" --provider "$database" --connection "$connection" --key "$key" --count "$sessions" | tee "$results/seed.txt"
export VERILOCK_BENCH_KEY=$key

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/api/v1/sessions"
echo "== server on 127.0.0.1:$port"
dotnet "$server" serve --urls "http://127.0.0.1:$port" --data-dir "$work" >"$results/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null -H "X-API-Key: $key" "$base?per_page=1" 2>/dev/null && break
    sleep 0.2
done

run() { # name, lua script, url
    echo "== $1"
    wrk -t"$threads" -c"$connections" -d5s -s "$root/bench/$2" "$3" >/dev/null # warm-up: JIT, caches, pools
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/bench/$2" "$3" | tee "$results/$1.txt"
}
run list-first-page get.lua "$base"
run list-deep-page get.lua "$base?page=50000"
run list-approved-100 get.lua "$base?status=approved&per_page=100"
run create create.lua "$base"

{
    echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); database: $database; sessions: $sessions"
    echo "wrk -t$threads -c$connections -d$duration --latency; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
    printf '%-20s %12s %10s %10s %8s\n' scenario req/s p50 p99 non-2xx
    for name in list-first-page list-deep-page list-approved-100 create; do
        f="$results/$name.txt"
        printf '%-20s %12s %10s %10s %8s\n' "$name" \
            "$(awk '/^Requests\/sec/ {print $2}' "$f")" \
            "$(awk '$1 == "50%" {print $2}' "$f")" \
            "$(awk '$1 == "99%" {print $2}' "$f")" \
            "$(awk '/Non-2xx/ {print $5}' "$f" | grep . || echo 0)"
    done
} | tee "$results/summary.txt"
