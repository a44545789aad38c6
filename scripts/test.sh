#!/usr/bin/env bash
# Installs what is missing, then two stages:
#   ci    gcc, warnings as errors (preset ci): every test through ctest;
#   asan  clang 14 with ASan + UBSan at -O1 (preset asan, no Qt kiosk). By default CI builds only
#         the libFuzzer targets (target fuzz_all) and runs each for a few seconds over its corpus
#         (ctest --preset fuzz, label fuzz). TAPLEDGER_CI_ASAN=full builds everything and also runs
#         the unit, integration, engine, card, crash, sync and CLI tests under the sanitizers
#         (ctest --preset asan; ~22 min build + 3 min tests on 2 cores, which does not fit CI's 45
#         min beside the ci stage). TAPLEDGER_CI_ASAN=0 skips the stage.
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
case "${TAPLEDGER_CI_ASAN:-fuzz}" in
  0) ;;
  full)
    timed "asan build" bash -c 'cmake --preset asan && cmake --build --preset asan --parallel 2'
    timed "asan test" ctest --preset asan ;;
  *)
    timed "fuzz build" bash -c 'cmake --preset asan && cmake --build --preset asan --parallel 2 --target fuzz_all'
    timed "fuzz test" ctest --preset fuzz ;;
esac
