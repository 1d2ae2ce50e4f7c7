#!/usr/bin/env bash
# Decoder budgets: peak resident memory (VmHWM) of reading a 1 MiB PDF whose image stream inflates to 1 GiB,
# once with the document reader as shipped ("bounded") and once the way it read PDFs before the budgets
# ("unbounded"), each in its own process after a normal PDF. Needs the OCR-B model in models/ (scripts/setup).
# Results: docs/benchmarks.md ("Decoder budgets").
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build bench/Verilock.Bench.Decoders -c Release --nologo -v quiet
for mode in bounded unbounded; do
  dotnet bench/Verilock.Bench.Decoders/bin/Release/net10.0/Verilock.Bench.Decoders.dll "$mode" "$PWD/models"
done
