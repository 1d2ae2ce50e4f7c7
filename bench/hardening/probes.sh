#!/usr/bin/env bash
# Re-runs issue 16's outside probes against a real `./verilock serve` on a fresh data folder and prints what
# each one found. Usage: bench/hardening/probes.sh   (needs curl, python3; uses port 18080 and a temp folder)
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=$(mktemp -d /tmp/verilock-probes.XXXXXX)
PORT=${PORT:-18080}
BASE=http://127.0.0.1:$PORT
LOG=$DATA.log
./verilock serve --urls "$BASE" --data-dir "$DATA" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA" "$LOG"' EXIT
for _ in $(seq 1 600); do curl -sf "$BASE/healthz" >/dev/null 2>&1 && break; sleep 1; done
KEY=$(grep -o 'qi_test_[A-Za-z0-9_-]*' "$LOG" | head -1)
[ -n "$KEY" ] || { echo "no key printed; log:"; cat "$LOG"; exit 1; }
H=(-H "X-API-Key: $KEY" -H 'Content-Type: application/json')

echo "== 1. 30 sessions back to back, then GET /sessions (newest first?)"
ids=()
for i in $(seq 1 30); do
  ids+=("$(curl -s "${H[@]}" -X POST "$BASE/api/v1/sessions" -d '{"steps":["document"]}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')")
done
listed=$(curl -s "${H[@]}" "$BASE/api/v1/sessions?per_page=30" | python3 -c 'import json,sys;print(" ".join(s["id"] for s in json.load(sys.stdin)["data"]))')
expected=$(printf '%s\n' "${ids[@]}" | tac | tr '\n' ' ' | sed 's/ $//')
[ "$listed" = "$expected" ] && echo "newest first: yes (30/30 in creation order)" || echo "newest first: NO"

echo "== 2. Create with Idempotency-Key, DELETE, replay"
body='{"steps":["document","selfie"],"applicant":{"first_name":"Zebulon","last_name":"Quixotic-Probe"}}'
sid=$(curl -s "${H[@]}" -H 'Idempotency-Key: probe-1' -X POST "$BASE/api/v1/sessions" -d "$body" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
code=$(curl -s -o /dev/null -w '%{http_code}' "${H[@]}" -X DELETE "$BASE/api/v1/sessions/$sid")
replay=$(curl -s -w ' %{http_code}' "${H[@]}" -H 'Idempotency-Key: probe-1' -X POST "$BASE/api/v1/sessions" -d "$body")
echo "DELETE: $code; replay: ${replay: -3}; name in replay: $(grep -c Zebulon <<<"$replay" || true)"

echo "== 3. grep the data folder for the redacted name"
sleep 1
hits=$(grep -rl -a -e Zebulon -e Quixotic "$DATA" 2>/dev/null | sed "s|$DATA/||" || true)
echo "files holding it: ${hits:-none}"
echo "in the server log: $(grep -c -e Zebulon -e Quixotic "$LOG" || true) lines"

echo "== 4. 300 unknown hosted-flow tokens from one client"
limited=0
for i in $(seq 1 300); do
  c=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/verify/notatoken$RANDOM$RANDOM$i")
  [ "$c" = 429 ] && limited=$((limited+1))
done
echo "limited: $limited of 300"

echo "== 5. Data folder permissions"
stat -c '%a %n' "$DATA" "$DATA"/*.key* 2>/dev/null | sed "s|$DATA|<data>|"
