#!/usr/bin/env bash
# Scale-out benchmark of issue 17: PostgreSQL, three Verilock instances sharing it, and Debian's nginx balancing
# across them, on this one machine. Document-check throughput at one and at three instances (real OCR, live keys);
# then the whole sandbox flow through nginx (create, upload, submit, checks, operator decisions, webhooks to a local
# receiver, a dashboard cookie that works on every instance) with one instance SIGKILLed mid-run and restarted.
#
#   bench/cluster-load.sh
#
# Env: SESSIONS (default 300), CONCURRENCY (16), DOCUMENTS (live documents per throughput phase, 24).
# Needs the sanctions snapshots in ../shared/data/sanctions (live instances are ready once lists load), the models
# scripts/setup fetches, and nginx (installed with apt-get when missing and running as root). The last line reads
# "sessions N, decided N, lost 0, duplicated 0, deliveries M, …"; the exit status is 0 only when nothing was lost,
# doubled or left undelivered. Output goes to bench/results/cluster-postgres-<timestamp>/. Not run in CI.
set -euo pipefail

# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
bench_init cluster postgres
lists="$root/../shared/data/sanctions"
[[ -d $lists ]] || { echo "$lists is missing: this benchmark needs the shared sanctions snapshots" >&2; exit 2; }
if ! command -v nginx >/dev/null; then
    [[ $(id -u) == 0 ]] || { echo "nginx is required: apt-get install -y nginx" >&2; exit 2; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    # Debian starts the packaged service on port 80; this benchmark runs its own instance.
    systemctl disable --now nginx >/dev/null 2>&1 || service nginx stop >/dev/null 2>&1 || true
fi
"$root/scripts/setup"

echo "== build (Release)"
dotnet build "$root/src/Verilock.Server" -c Release -v q -nologo >/dev/null
dotnet build "$root/bench/Verilock.Bench.Cluster" -c Release -v q -nologo >/dev/null
server="$root/src/Verilock.Server/bin/Release/net10.0/Verilock.Server.dll"
bench="$root/bench/Verilock.Bench.Cluster/bin/Release/net10.0/Verilock.Bench.Cluster.dll"

# Three instances hold up to 3 × 2 workers + requests: a pool of 40 each stays well under max_connections.
bench_postgres 40

{
    bench_machine
    echo "nginx: $(nginx -v 2>&1)"
    dotnet "$bench" --server "$server" --data-dir "$work" --lists "$lists" --models "$root/models" \
        --sessions "${SESSIONS:-300}" --concurrency "${CONCURRENCY:-16}" --documents "${DOCUMENTS:-24}" \
        2>"$results/server.log"
} | tee "$results/summary.txt"
exit "${PIPESTATUS[0]}"
