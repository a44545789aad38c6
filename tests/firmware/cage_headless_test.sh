#!/bin/sh
# The appliance path without a GPU or a screen: cage on wlroots' headless backend runs the kiosk
# (demo, emulated reader) as an unprivileged user, and systemd's notify protocol — played by
# notify_listener — must see READY=1 with the attract-screen status and then WATCHDOG=1 pings.
# Usage: cage_headless_test.sh NOTIFY_LISTENER KIOSK
set -eu
listener=$1 kiosk=$2
command -v cage >/dev/null || { echo "cage is not installed (scripts/install-deps.sh)"; exit 1; }
command -v setpriv >/dev/null || { echo "setpriv (util-linux) is missing"; exit 1; }
work=$(mktemp -d /tmp/tapledger-cage-XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 0700 "$work"
run_as=""
# cage refuses to run as root: drop to nobody (the build tree must be readable by it).
if [ "$(id -u)" -eq 0 ]; then
  chown 65534:65534 "$work"
  run_as="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
exec "$listener" --timeout 90 --watchdog-usec 2000000 --status attract -- \
  $run_as env HOME="$work" XDG_RUNTIME_DIR="$work" WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 \
  WLR_RENDERER=pixman QT_QPA_PLATFORM=wayland \
  cage -d -- "$kiosk" --demo --data "$work/data"
