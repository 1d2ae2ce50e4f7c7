#!/usr/bin/env bash
# Load benchmark of POST /api/v1/aml/screen (live key, real UN + OFAC SDN lists, SQLite) with wrk.
#
#   bench/aml-screen-load.sh
#
# Env: DURATION (wrk -d, default 15s), CONNECTIONS (default 16), THREADS (default 2).
# Builds Release, creates a live key in a temp data folder, starts the server on a free loopback port in
# offline mode (lists from ../shared/data/sanctions) with rate limiting off, warms up, runs wrk, stops
# everything it started. Not run in CI.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
duration=${DURATION:-15s}
connections=${CONNECTIONS:-16}
threads=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is required: apt-get install -y wrk" >&2; exit 2; }
lists="$root/../shared/data/sanctions"
[[ -d $lists ]] || { echo "$lists not found" >&2; exit 2; }

work=$(mktemp -d /tmp/verilock-aml-bench.XXXXXX)
server_pid=""
cleanup() {
    [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
export VERILOCK__RATELIMIT__PERMITPERMINUTE=0 VERILOCK__AML__LISTSDIRECTORY="$lists" Logging__LogLevel__Default=Warning
VERILOCK_BENCH_KEY=$(dotnet "$server" keys create --account bench --mode live --data-dir "$work" | tail -n 1)
export VERILOCK_BENCH_KEY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dotnet "$server" serve --urls "http://127.0.0.1:$port" --data-dir "$work" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
    sleep 0.2
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

echo "== warm-up"
wrk -t "$threads" -c "$connections" -d 5s -s "$root/bench/screen.lua" "http://127.0.0.1:$port" >/dev/null
echo "== POST /api/v1/aml/screen, $threads threads × $connections connections, $duration"
wrk -t "$threads" -c "$connections" -d "$duration" --latency -s "$root/bench/screen.lua" "http://127.0.0.1:$port"
echo "== one request, timed by curl (10 in a row, ms)"
for _ in $(seq 1 10); do
    curl -s -o /dev/null -w '%{time_total}\n' -X POST "http://127.0.0.1:$port/api/v1/aml/screen" \
        -H "X-API-Key: $VERILOCK_BENCH_KEY" -H 'Content-Type: application/json' \
        -d '{"full_name":"Eric Badege","date_of_birth":"1971","nationality":"CD"}'
done | awk '{ printf "%.2f ", $1 * 1000 } END { print "" }'
