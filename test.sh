#!/usr/bin/env bash
# Runs every test suite: sets up what is missing, builds, starts a throwaway PostgreSQL for the
# database-backed tests (they run against SQLite and PostgreSQL), and stops it at the end.
# Then the release smoke test (bench/release-smoke.sh, one test). Exits non-zero when anything fails.
# Prints "N passed, N failed, N skipped" last.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scripts/setup --for-tests

echo "Building…" >&2
dotnet build Verilock.sln -c Release --nologo -v quiet

source scripts/postgres.sh
trap postgres_stop EXIT
postgres_start

results=$(mktemp -d)
status=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name" >&2
  if ! dotnet test "$project" -c Release --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --results-directory "$results" 2>&1 | tee "$results/$name.log"; then
    status=1
  fi
done

# The release smoke test (bench/release-smoke.sh): the self-contained tarball built, extracted and run with no SDK on
# PATH. Counted as one test in the closing line.
echo "== release smoke test" >&2
if bench/release-smoke.sh 2>&1 | tee "$results/release-smoke.log" | tail -n 1 | grep -q '^release smoke: ok'; then
  echo passed > "$results/release-smoke.result"
else
  echo failed > "$results/release-smoke.result"
  tail -n 40 "$results/release-smoke.log" >&2
  status=1
fi

# One closing line for CI, summed over the projects' TRX summaries and the smoke test.
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    # xunit reports a skipped test as not executed without counting it in notExecuted.
    skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))
smoke = glob.glob(sys.argv[1] + "/release-smoke.result")
if smoke:
    if open(smoke[0]).read().strip() == "passed":
        passed += 1
    else:
        failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
