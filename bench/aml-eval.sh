#!/usr/bin/env bash
# AML screening benchmark and quality report: loads the UN and OFAC SDN snapshots from
# ../shared/data, then prints index build time, recall / false positives (clean and generated
# variants) and latency / throughput. Results and how to read them: docs/aml-evaluation.md.
# Pass --verbose to list every miss, false positive and the slowest screenings; --quality-only skips the speed runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Verilock.Bench.Aml -c Release --nologo -v quiet
dotnet bench/Verilock.Bench.Aml/bin/Release/net10.0/Verilock.Bench.Aml.dll "$@"
