#!/usr/bin/env bash
# Face benchmark: model load time, per-image decode + detect + align + embed and whole-selfie latency on one
# thread, memory with every model loaded, and submit → decision of full live sessions (document + selfie +
# face_match + liveness) on an in-process server with SQLite and its two check workers.
# Results: docs/benchmarks.md. Options: --rounds N (per-image passes, default 20), --sessions N (default 20).
#   bench/face-perf.sh             the whole process on one core (the figure of one worker's core)
#   CORES=0,1 bench/face-perf.sh   both cores (the end-to-end figure of a two-core server)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup --for-tests
dotnet build bench/Verilock.Bench.Faces -c Release --nologo -v quiet
exec taskset -c "${CORES:-0}" dotnet bench/Verilock.Bench.Faces/bin/Release/net10.0/Verilock.Bench.Faces.dll perf --models "$PWD/models" "$@"
