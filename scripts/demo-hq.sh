#!/usr/bin/env bash
# scripts/demo-hq.sh DEMODIR BUILDDIR (build/release): an embedded HQ for the demo kiosk (scripts/demo.sh).
# Seeds the demo kiosk's data directory DEMODIR/data (demo members and cards), creates HQ in
# DEMODIR/hq (`tapledger-hq init`), enrols the kiosk, starts `tapledger-hq serve` on 127.0.0.1 with
# a free port (pid in DEMODIR/hq.pid, log in DEMODIR/hq.log), provisions the kiosk for it
# (`tapledger provision`) and writes DEMODIR/kiosk.toml: firmware-config/kiosk-demo.toml with the
# [hq] table filled in (docs/operations.md, "Sync with HQ"). Stop HQ with `kill $(cat DEMODIR/hq.pid)`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
demo=$(cd "$1" && pwd)
build=$(cd "$2" && pwd)
kiosk=$build/bin/tapledger-kiosk
hqcli=$build/sync/hq/tapledger-hq
cli=$build/src/cli/tapledger
data=$demo/data
policy=$root/docs/examples/hotel-restaurant.policy.json

# The demo kiosk seeds a missing data directory at start; zero benchmark taps start it headless,
# seed it and exit without a tap.
"$kiosk" --bench-taps 0 --data "$data" >/dev/null
"$hqcli" init --data "$demo/hq" >/dev/null
"$cli" provision --data "$data" --out-csr "$demo/kiosk.csr" >/dev/null
"$hqcli" enrol-kiosk --data "$demo/hq" --kiosk-id demo-kiosk --csr "$demo/kiosk.csr" \
  --out "$demo/kiosk.pem" >/dev/null

"$hqcli" serve --data "$demo/hq" --listen 127.0.0.1:0 >"$demo/hq.log" 2>&1 &
echo $! >"$demo/hq.pid"
port=
for _ in $(seq 100); do
  port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$demo/hq.log")
  [ -n "$port" ] && break
  kill -0 "$(cat "$demo/hq.pid")" 2>/dev/null || { cat "$demo/hq.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "demo-hq: HQ did not start listening (see $demo/hq.log)" >&2; exit 1; }
url=https://127.0.0.1:$port
"$cli" provision --data "$data" --install-cert "$demo/kiosk.pem" --hq-ca "$demo/hq/ca.pem" \
  --hq "$url" --policy "$policy" >/dev/null

sed -e "/^# Standalone: no sync\./d" \
    -e "s|^data_dir = .*|data_dir = \"$data\"|" \
    -e "s|^policy = .*|policy = \"$policy\"|" \
    -e "s|^url = \"\"|url = \"$url\"\nsync_interval_s = 10\nca_file = \"$data/hq-ca.pem\"\ncert_file = \"$data/kiosk.pem\"\nkey_file = \"$data/device.key\"|" \
    "$root/firmware-config/kiosk-demo.toml" >"$demo/kiosk.toml"
echo "demo HQ at $url (data $demo/hq, log $demo/hq.log)"
