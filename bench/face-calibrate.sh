#!/usr/bin/env bash
# Face-match calibration: the demo photos of npm @vladmandic/face-api (fetched by scripts/setup --for-tests), each
# face re-captured (rescaled, recompressed, blurred, darkened, brightened, rotated, mirrored, printed on a rendered
# passport page and photographed), genuine and impostor cosine distributions, error rates by threshold, the
# evidence for the face models' undocumented classes, and the quality gates' measures. Prints Markdown for
# docs/face-matching.md. Takes about two and a half minutes on one core.
#   bench/face-calibrate.sh develop   the selfie-versus-document development set instead: 9 selfie × 13 document
#                                     conditions per face, before (one view, no refinement) and now, ~2.5 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup --for-tests
dotnet build bench/Verilock.Bench.Faces -c Release --nologo -v quiet
mode=calibrate
if [[ ${1:-} == develop ]]; then mode=develop; shift; fi
exec taskset -c 0 dotnet bench/Verilock.Bench.Faces/bin/Release/net10.0/Verilock.Bench.Faces.dll "$mode" --models "$PWD/models" "$@"
