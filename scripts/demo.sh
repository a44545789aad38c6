#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk demo. README Quick start command (a).
# The demo runs the real card path: an emulated PN532 on a pseudo-terminal driven by libnfc, with
# emulated DESFire cards (three members, a cashier, a supervisor, a blank card, a foreign tag) and
# demo members seeded from docs/examples/kiosk-demo.sim.jsonl. With a display it opens the kiosk
# window (tap cards with the panel at the bottom or Ctrl+1..7, Ctrl+0 removes); without one it
# renders every screen in both languages to build/demo-screenshots/.
# With a display the demo kiosk syncs with an embedded HQ beside it: `tapledger-hq init` in the
# demo folder, the kiosk enrolled and provisioned, `tapledger-hq serve` on 127.0.0.1 with a free
# port (its log in HQDIR.log); HQ stops when the kiosk window closes. TAPLEDGER_DEMO_HQ=0 runs
# the kiosk standalone as before.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --parallel 2 --target tapledger tapledger-kiosk tapledger-hq

bin=build/release/bin
kiosk=$bin/tapledger-kiosk
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  demo=$(mktemp -d /tmp/tapledger-demo-XXXXXX)
  echo "demo data in $demo/data"
  if [ "${TAPLEDGER_DEMO_HQ:-1}" = 0 ]; then
    exec "$kiosk" --demo --data "$demo/data"
  fi
  scripts/demo-hq.sh "$demo" build/release
  hq_pid=$(cat "$demo/hq.pid")
  trap 'kill "$hq_pid" 2>/dev/null; wait "$hq_pid" 2>/dev/null || true' EXIT
  "$kiosk" --demo --config "$demo/kiosk.toml"
  exit
fi
rm -rf build/demo-screenshots
"$kiosk" --screenshots build/demo-screenshots
echo "no display: screenshots of every screen are in build/demo-screenshots/"
