#!/usr/bin/env bash
# A throwaway PostgreSQL server from the machine's own packages, for tests and benchmarks.
#   source scripts/postgres.sh; postgres_start [--durable]; ...; postgres_stop
# postgres_start exports VERILOCK_TEST_POSTGRES (an Npgsql connection string to the "postgres" database,
# as superuser "verilock"). Tests create and drop their own databases on it.
# Without --durable, fsync is off: fine for tests, never for benchmarks of write throughput.

postgres_bin() {
  local initdb
  initdb=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)
  [ -n "$initdb" ] || initdb=$(command -v initdb || true)
  [ -n "$initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; return 1; }
  dirname "$initdb"
}

# Runs a command as the unprivileged "postgres" user when we are root (PostgreSQL refuses to run as root).
postgres_as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

postgres_start() {
  local durable=0
  [ "${1:-}" = "--durable" ] && durable=1
  local bin; bin=$(postgres_bin) || return 1
  PG_DIR=$(mktemp -d /tmp/verilock-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then chown postgres: "$PG_DIR"; fi
  PG_PORT=$(postgres_free_port)
  postgres_as_owner "$bin/initdb" -D "$PG_DIR/data" -U verilock --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  local options="-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c max_connections=300 -c shared_buffers=512MB"
  if [ "$durable" = 0 ]; then options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
  postgres_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -o "$options" -w -t 60 start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; return 1; }
  export PG_DIR PG_PORT
  export VERILOCK_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=verilock;Database=postgres;Pooling=true;Maximum Pool Size=200"
  echo "PostgreSQL listening on 127.0.0.1:$PG_PORT (data in $PG_DIR)" >&2
}

postgres_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local bin; bin=$(postgres_bin) || return 0
  postgres_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  unset PG_DIR PG_PORT VERILOCK_TEST_POSTGRES
}
