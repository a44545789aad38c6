#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test through ctest.
# This is README Quick start command (b); .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset ci
cmake --build --preset ci --parallel 2
ctest --preset ci
