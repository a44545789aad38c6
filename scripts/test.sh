#!/usr/bin/env bash
# Installs what is missing, then two stages:
#   ci    gcc, warnings as errors (preset ci): every test through ctest;
#   asan  clang 14 with ASan + UBSan at -O1 (preset asan, no Qt kiosk): the unit, integration,
#         engine, card, crash, sync and CLI tests, and each libFuzzer target for a few seconds
#         over its corpus (ctest label fuzz). Skip it with TAPLEDGER_CI_ASAN=0.
# Prints the wall time of each stage's build and tests. Long fuzz runs: docs/security.md.
# This is README Quick start command (b); .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

times=()
# timed <label> <command...>: runs the command and records its wall time.
timed() {
  local label=$1 start=$SECONDS
  shift
  echo "== $label (${SECONDS}s so far)"
  "$@"
  times+=("$(printf '%-12s %5ds' "$label" $((SECONDS - start)))")
  echo "== $label took $((SECONDS - start))s"
}
report() {
  echo "== stage wall times"
  for t in "${times[@]}"; do echo "   $t"; done
  echo "   total        ${SECONDS}s"
}
trap report EXIT

timed deps scripts/install-deps.sh
timed "ci build" bash -c 'cmake --preset ci && cmake --build --preset ci --parallel 2'
timed "ci test" ctest --preset ci
if [ "${TAPLEDGER_CI_ASAN:-1}" = 1 ]; then
  timed "asan build" bash -c 'cmake --preset asan && cmake --build --preset asan --parallel 2'
  timed "asan test" ctest --preset asan
fi
