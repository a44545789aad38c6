#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk demo. README Quick start command (a).
# The demo runs the real card path: an emulated PN532 on a pseudo-terminal driven by libnfc, with
# emulated DESFire cards (three members, a cashier, a supervisor, a blank card, a foreign tag) and
# demo members seeded from docs/examples/kiosk-demo.sim.jsonl. With a display it opens the kiosk
# window (tap cards with the panel at the bottom or Ctrl+1..7, Ctrl+0 removes); without one it
# renders every screen in both languages to build/demo-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --parallel 2 --target tapledger tapledger-kiosk

kiosk=build/release/bin/tapledger-kiosk
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  data=$(mktemp -d /tmp/tapledger-demo-XXXXXX)
  echo "demo data in $data/data"
  exec "$kiosk" --demo --data "$data/data"
fi
rm -rf build/demo-screenshots
"$kiosk" --screenshots build/demo-screenshots
echo "no display: screenshots of every screen are in build/demo-screenshots/"
