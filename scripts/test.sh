#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test through ctest;
# then (unless TAPLEDGER_CI_HARDENING=0) the same unit, integration, engine, card and crash tests
# under ASan + UBSan (preset asan, without the Qt kiosk) and each fuzz target for a few seconds
# (preset fuzz, clang 14 libFuzzer). Prints the time of each stage.
# This is README Quick start command (b); .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

stage() { echo "== $1 (${SECONDS}s so far)"; }
scripts/install-deps.sh
stage "ci build"
cmake --preset ci
cmake --build --preset ci --parallel 2
ctest --preset ci
if [ "${TAPLEDGER_CI_HARDENING:-1}" = 1 ]; then
  stage "asan build"
  cmake --preset asan
  cmake --build --preset asan --parallel 2
  ctest --preset asan
  stage "fuzz build"
  cmake --preset fuzz
  cmake --build --preset fuzz --parallel 2
  ctest --preset fuzz
fi
stage "done"
