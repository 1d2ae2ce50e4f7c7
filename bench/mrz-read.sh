#!/usr/bin/env bash
# MRZ read benchmark: renders the sample documents under every photo condition (bench/Verilock.Checks.Samples),
# then reads each with MrzDocumentReader (decode + locate + OCR + parse) on one core, and prints the exact-read
# rate and latency percentiles. Needs the OCR-B model and fonts: scripts/setup --for-tests.
# The set is the ten plain conditions ("base") plus the hostile conditions of real material ("hostile", seeded).
# Results and how to read them: docs/benchmarks.md. Options: --set all|base|hostile, --only NAME[,NAME] (conditions
# whose name contains one), --seeds N (hostile documents per condition, default 6), --rounds N (timed rounds,
# default 2), --dump DIR (write every upload and a small PNG of it), --stages (for each miss, the candidates
# and what OCR read from each), --verbose.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup --for-tests
dotnet build bench/Verilock.Bench.Mrz -c Release --nologo -v quiet
# One core, one thread: the figure a single background worker gets.
exec taskset -c 0 dotnet bench/Verilock.Bench.Mrz/bin/Release/net10.0/Verilock.Bench.Mrz.dll --tessdata "$PWD/models" "$@"
