#!/usr/bin/env bash
# AML monitoring at scale (issue 13, item 5): re-screening 1,000,000 monitored customers against a new list version,
# on a real server process over SQLite or a throwaway durable PostgreSQL.
#
#   bench/aml-monitoring.sh sqlite|postgres
#
# Env: SCREENINGS (monitored screenings seeded, default 1000000), LISTED (invented people added to each new UN
# version, named like seeded customers, default 100), KILL_AT (kill -9 the third run once this many are re-screened,
# then restart and let it resume; default 300000, 0 skips that run).
#
# Seeds the screenings with bench/Verilock.Bench.Monitoring (direct SQL / COPY, the server's storage format), then
# starts the server (offline lists: OFAC SDN and UN from ../shared/data/sanctions, copied to a temp folder with the
# UN list extended) three times, each with a new UN version:
#   1. first run: the lists are new to the server, no customer has a run yet;
#   2. steady state: every customer's latest run is joined in and compared with;
#   3. kill and resume: killed mid-run, restarted once the claim is stale, resumed after its cursor.
# The scheduled (04:00) run is switched off so only list-version runs are measured. Prints the server's own
# summary line of each run (elapsed, rate, time spent reading, screening and writing), the monitoring metrics seen
# on /metrics during a run, and a check of the claims, the items marked and the run rows (no customer re-screened twice by one key).
# Output and server logs go to bench/results/aml-monitoring-<database>-<timestamp>/. Not run in CI.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
bench_init aml-monitoring "${1:-}"
screenings=${SCREENINGS:-1000000}
listed=${LISTED:-100}
kill_at=${KILL_AT:-300000}
sanctions="$root/../shared/data/sanctions"
[[ -d $sanctions ]] || { echo "$sanctions not found" >&2; exit 2; }

echo "== build (Release)"
dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/Verilock.Bench.Monitoring" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
tool="$root/bench/Verilock.Bench.Monitoring/bin/Release/net10.0/Verilock.Bench.Monitoring.dll"

if [[ $database == postgres ]]; then
    bench_postgres 50
    connection="Host=127.0.0.1;Port=$PG_PORT;Username=verilock;Database=bench"
else
    connection="Data Source=$work/verilock.db"
fi

server_pid=""
stop_server() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
trap 'stop_server; bench_cleanup' EXIT

export VERILOCK__AML__LISTSDIRECTORY="$work/lists" VERILOCK__AML__SCHEDULEDMONITORING=false \
    VERILOCK__AML__MONITORINGSTALEAFTER=00:00:20 VERILOCK__RATELIMIT__PERMITPERMINUTE=0 \
    Logging__LogLevel__Default=Information Logging__LogLevel__Microsoft=Warning
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

start_server() { # log file
    : >"$1"
    dotnet "$server" serve --urls "http://127.0.0.1:$port" --data-dir "$work" >"$1" 2>&1 &
    server_pid=$!
}

# Waits until the log has a finished run (or, with a count, a progress line at or past it); fails after 30 minutes.
wait_for() { # log file [count]
    for _ in $(seq 1 3600); do
        if [[ -n ${2:-} ]]; then
            done_so_far=$({ grep -o '[0-9]* re-screened so far' "$1" || true; } | tail -n 1 | cut -d' ' -f1)
            [[ -n $done_so_far && $done_so_far -ge $2 ]] && return 0
        elif grep -q 're-screened, ' "$1"; then
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || { echo "server exited:" >&2; tail -n 30 "$1" >&2; exit 1; }
        sleep 0.5
    done
    echo "timed out waiting on $1" >&2
    exit 1
}

summary() { # log file
    grep -E 'AML monitoring for .*(re-screened, |taking it over|started against)' "$1" | sed 's/^ *//' | cut -c1-400
}

{
    bench_machine
    echo "database: $database; screenings: $screenings; invented people per new UN version: $listed"
} | tee "$results/summary.txt"

echo "== key and seed"
key=$(dotnet "$server" keys create --account bench --mode live --data-dir "$work" | tail -n 1)
dotnet "$tool" seed --provider "$database" --connection "$connection" --key "$key" --count "$screenings" | tee -a "$results/summary.txt"

for run in 1 2 3; do
    [[ $run == 3 && $kill_at == 0 ]] && break
    dotnet "$tool" lists --from "$sanctions" --out "$work/lists" --listed "$listed" --count "$screenings" --version "$run" >/dev/null
    log="$results/server-run$run.log"
    case $run in
        1) title="first run (no earlier runs)" ;;
        2) title="steady state (each customer's latest run compared with)" ;;
        3) title="killed at $kill_at re-screened, then resumed" ;;
    esac
    echo "== run $run: $title" | tee -a "$results/summary.txt"
    start_server "$log"
    if [[ $run == 3 ]]; then
        wait_for "$log" "$kill_at"
        curl -s "http://127.0.0.1:$port/metrics" | grep '^verilock_aml_monitoring' | tee -a "$results/summary.txt" || true
        kill -9 "$server_pid"
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
        summary "$log" | tee -a "$results/summary.txt"
        echo "killed; restarting once the claim's heartbeat is stale (20 s)" | tee -a "$results/summary.txt"
        sleep 21
        log="$results/server-run$run-resumed.log"
        start_server "$log"
    fi
    wait_for "$log"
    summary "$log" | tee -a "$results/summary.txt"
    stop_server
done

echo "== check" | tee -a "$results/summary.txt"
dotnet "$tool" check --provider "$database" --connection "$connection" | tee -a "$results/summary.txt"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results/summary.txt"
