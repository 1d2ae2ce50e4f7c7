#!/usr/bin/env bash
# Server CPU per request for one URL, against a server that is already running (for example one started the way
# bench/sessions-load.sh starts it). Less noisy on a shared VM than req/s: it counts the server process's own
# CPU ticks (user + system, from /proc) over a wrk run and divides by the requests served.
#
#   bench/cpu-per-request.sh PID URL [seconds] [lua script]
#
# Env: VERILOCK_BENCH_KEY (the API key the lua scripts send). wrk: one thread, 16 connections, after a 2 s warm-up.
set -euo pipefail
pid=${1:?usage: bench/cpu-per-request.sh PID URL [seconds] [lua]}
url=${2:?usage: bench/cpu-per-request.sh PID URL [seconds] [lua]}
seconds=${3:-8}
root=$(cd "$(dirname "$0")/.." && pwd)
lua=${4:-$root/bench/get.lua}
: "${VERILOCK_BENCH_KEY:?set VERILOCK_BENCH_KEY to the API key of the seeded account}"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz=$(getconf CLK_TCK)

wrk -t1 -c16 -d2s -s "$lua" "$url" >/dev/null
before=$(ticks)
out=$(wrk -t1 -c16 -d"${seconds}s" --latency -s "$lua" "$url")
after=$(ticks)
requests=$(awk '/requests in/ {print $1}' <<<"$out")
echo "requests=$requests req/s=$(awk '/^Requests\/sec/ {print $2}' <<<"$out") p99=$(awk '$1 == "99%" {print $2}' <<<"$out")" \
     "non-2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out" | grep . || echo 0)" \
     "server_cpu_us_per_request=$(( (after - before) * 1000000 / hz / requests ))"
