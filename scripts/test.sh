#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test through ctest;
# then each fuzz target for a few seconds (preset fuzz, clang 14 libFuzzer + ASan/UBSan; skip
# with TAPLEDGER_CI_FUZZ=0) and, with TAPLEDGER_CI_ASAN=1, the unit, integration, engine, card and
# crash tests under ASan + UBSan (preset asan, without the Qt kiosk; off by default until its
# time in CI is measured: see /work/notes/issue-14.md). Prints the time of each stage.
# This is README Quick start command (b); .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { echo "== $1 (${SECONDS}s so far)"; }
scripts/install-deps.sh
stage "ci build"
cmake --preset ci
cmake --build --preset ci --parallel 2
ctest --preset ci
if [ "${TAPLEDGER_CI_FUZZ:-1}" = 1 ]; then
  stage "fuzz build"
  cmake --preset fuzz
  cmake --build --preset fuzz --parallel 2
  ctest --preset fuzz
fi
if [ "${TAPLEDGER_CI_ASAN:-0}" = 1 ]; then
  stage "asan build"
  cmake --preset asan
  cmake --build --preset asan --parallel 2
  ctest --preset asan
fi
stage "done"
