#!/usr/bin/env bash
# Release smoke test: builds the release (unless --no-build), extracts it to a temp folder and runs it with no SDK
# on PATH and nothing of this checkout: --version, keys create, serve on a free port, /healthz, /readyz's database
# and models, a session created over HTTP, an online backup while it serves, then stops it. Prints one last line,
# "release smoke: ok in N s" or "release smoke: FAILED …", and exits non-zero on failure. ./test.sh runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
[ "${1:-}" = "--no-build" ] || scripts/release >&2

version=$(tr -d '[:space:]' < VERSION)
tarball="dist/verilock-$version-linux-x64.tar.gz"
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "release smoke: FAILED: $*" >&2; [ -f "$tmp/serve.log" ] && tail -n 30 "$tmp/serve.log" >&2; echo "release smoke: FAILED: $*"; exit 1; }

tar -xzf "$tarball" -C "$tmp"
app="$tmp/verilock-$version-linux-x64"
grep -q '"includedFrameworks"' "$app/Verilock.Server.runtimeconfig.json" || fail "the release is not self-contained"
# A clean environment: no DOTNET_ROOT, no HOME of ours, the OS's PATH only; run from the temp folder.
run() { (cd "$tmp" && env -i PATH=/usr/bin:/bin HOME="$tmp" DOTNET_ROOT=/nonexistent "$app/verilock" "$@"); }

[ "$(run --version)" = "$version" ] || fail "--version did not print $version"
mkdir -p "$tmp/lists" # offline AML lists (none): the smoke test must not reach the publishers
export_lists="VERILOCK__AML__LISTSDIRECTORY=$tmp/lists"
key=$(run keys create --account smoke --data-dir "$tmp/data" | tail -n 1)
[[ "$key" =~ ^qi_test_[0-9a-f]{48}$ ]] || fail "keys create printed no key"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$tmp" && exec env -i PATH=/usr/bin:/bin HOME="$tmp" DOTNET_ROOT=/nonexistent "$export_lists" \
  "$app/verilock" serve --urls "http://127.0.0.1:$port" --data-dir "$tmp/data") >"$tmp/serve.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 150); do
  curl -fsS "$base/healthz" >"$tmp/health" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited"
  sleep 0.2
done
[ "$(cat "$tmp/health")" = "{\"status\":\"ok\",\"version\":\"$version\"}" ] || fail "/healthz: $(cat "$tmp/health" 2>/dev/null)"
# Not ready without AML lists, but the database and the models found next to the executable must be ok.
for _ in $(seq 1 100); do
  curl -sS "$base/readyz" >"$tmp/ready" && grep -q '"models":"ok"' "$tmp/ready" && break
  sleep 0.2
done
grep -q '"database":"ok"' "$tmp/ready" && grep -q '"models":"ok"' "$tmp/ready" || fail "/readyz: $(cat "$tmp/ready")"

status=$(curl -sS -o "$tmp/session" -w '%{http_code}' -X POST "$base/api/v1/sessions" \
  -H "X-API-Key: $key" -H 'Content-Type: application/json' -d '{"steps":["document"]}')
[ "$status" = 201 ] && grep -q '"id":"' "$tmp/session" || fail "POST /api/v1/sessions: $status $(cat "$tmp/session")"
run backup --to "$tmp/backup.db" --data-dir "$tmp/data" >/dev/null || fail "backup while serving"

kill -TERM "$pid"
wait "$pid" || fail "the server did not stop cleanly on SIGTERM"
pid=
echo "release smoke: ok in $(( $(date +%s) - started )) s"
