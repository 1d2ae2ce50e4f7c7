#!/usr/bin/env bash
# Face search index benchmark (issue 18 item 3): 1,000,000 synthetic clustered templates (200,000 people, 5
# captures each, 2 % near-duplicates; and the first 100,000 and 10,000 of them in their own partitions), loaded
# into one FaceTemplateIndex. Prints load time, memory per template, search latency (top 10, one search at a time,
# every core) over 300 probes (200 new captures of known people, 100 unknown people), top-1 agreement and top-10
# recall against exact float32 search, and at 1M each scan kernel on one and on every core. Needs ≈ 3 GB of RAM
# (the float32 copy kept for the exact reference is 2 GB). ≈ 2–3 minutes. When the face models and the demo photos are
# present (scripts/setup --for-tests), their 21 frontal faces and their re-captures are also mixed into the million
# as a sanity check on real embeddings (--real; ≈ 30 s more).
# Results: docs/benchmarks.md. Options: --sizes 10000,100000,1000000 --probes 300 --seed 1.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# shellcheck source=common.sh
source bench/common.sh
bench_machine
dotnet build bench/Verilock.Bench.FaceSearch -c Release --nologo -v quiet
real=()
if [[ -f models/fr_feature.onnx && -f models/test-photos/sample1.jpg ]]; then
    real=(--real --models "$PWD/models")
else
    echo "face models or demo photos missing (scripts/setup --for-tests): the real-face check is skipped"
fi
exec dotnet bench/Verilock.Bench.FaceSearch/bin/Release/net10.0/Verilock.Bench.FaceSearch.dll "${real[@]}" "$@"
