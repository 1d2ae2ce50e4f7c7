# Shared by the load benchmarks that drive real server processes (sourced, not run):
#   bench_init NAME DATABASE   checks sqlite|postgres; sets root, results (bench/results/NAME-DATABASE-<time>) and
#                              work (a temp folder removed on exit, with any PostgreSQL bench_postgres started)
#   bench_postgres [POOL]      starts a throwaway durable PostgreSQL 15 with a database "bench" and points the
#                              server at it through VERILOCK__DATABASE__* (Maximum Pool Size=POOL if given)
#   bench_machine              one line: cores, CPU, RAM and the load average now

bench_init() {
    local name=$1
    database=${2:?usage: bench/$name-load.sh sqlite|postgres}
    [[ $database == sqlite || $database == postgres ]] || { echo "database must be sqlite or postgres" >&2; exit 2; }
    root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    results="$root/bench/results/$name-$database-$(date -u +%Y%m%dT%H%M%SZ)"
    mkdir -p "$results"
    work=$(mktemp -d "${TMPDIR:-/tmp}/verilock-bench-$name.XXXXXX")
    bench_pg_started=""
    trap bench_cleanup EXIT
}

bench_cleanup() {
    [[ -n $bench_pg_started ]] && postgres_stop
    rm -rf "$work"
}

bench_postgres() {
    # shellcheck source=/dev/null
    source "$root/scripts/postgres.sh"
    postgres_start --durable
    bench_pg_started=1
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U verilock -d postgres -c 'create database bench'
    export VERILOCK__DATABASE__PROVIDER=postgres
    export VERILOCK__DATABASE__CONNECTIONSTRING="Host=127.0.0.1;Port=$PG_PORT;Username=verilock;Database=bench${1:+;Maximum Pool Size=$1}"
}

bench_machine() {
    echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GB RAM; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
