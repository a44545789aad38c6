#!/bin/sh
# systemd-analyze verify over firmware-config/systemd/*.service, with the binaries they start
# pointed at the ones built here. Any message — an unknown key is only a warning to systemd —
# fails the test.
# Usage: verify_units.sh UNIT_DIR KIOSK_BINARY HQ_BINARY
set -eu
units=$1 kiosk=$2 hq=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for u in "$units"/*.service; do
  sed -e "s|/usr/bin/tapledger-kiosk|$kiosk|g" -e "s|/usr/bin/tapledger-hq|$hq|g" "$u" > "$work/$(basename "$u")"
done
out=$(systemd-analyze verify "$work"/*.service 2>&1) || { echo "$out"; exit 1; }
if [ -n "$out" ]; then echo "$out"; exit 1; fi
echo "systemd-analyze verify: $(ls "$work" | tr '\n' ' ')clean"
