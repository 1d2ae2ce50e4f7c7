#!/usr/bin/env bash
# Passive liveness against simulated screen replays and prints (issue 18 item 5): every frontal demo face (npm
# @vladmandic/face-api photos, fetched by scripts/setup --for-tests) as a genuine selfie under ten upload
# conditions, as a screen replay (RGB sub-pixel grid at 0.7–3.5 capture px per screen pixel, two angles, display
# gamma and white point, bezel and glare on some) and as a print (CMY halftone at three dot sizes, washed colour,
# paper tint, crease on half); seeds 1–2 tune, 3–4 are held out. Prints Markdown for docs/face-matching.md and
# writes the per-capture values to $TMPDIR/verilock-liveness-replay.csv. One core, about ten minutes.
#   bench/liveness-replay.sh --fit   also fit PassiveLivenessScore's weights on the tuning seeds and print them
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/setup --for-tests
dotnet build bench/Verilock.Bench.Faces -c Release --nologo -v quiet
exec taskset -c 0 dotnet bench/Verilock.Bench.Faces/bin/Release/net10.0/Verilock.Bench.Faces.dll replay --models "$PWD/models" "$@"
