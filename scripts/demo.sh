#!/usr/bin/env bash
# Installs what is missing, builds, and starts the demo. This is README Quick start command (a).
# Until the kiosk app lands, the demo is a short CLI session: create a kiosk, append entries,
# verify the chain, export one entry and check its signature with the openssl CLI.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --parallel 2 --target tapledger

tapledger=build/release/src/cli/tapledger
demo=$(mktemp -d /tmp/tapledger-demo-XXXXXX)
member=6b2acad5-a0c2-40b0-b570-554632cf9e4f
run() { echo "\$ ${*/#$tapledger/tapledger}"; "$@"; echo; }

run "$tapledger" init --data "$demo/kiosk" --kiosk-id lobby-1
run "$tapledger" ledger append --data "$demo/kiosk" --kind topup --member "$member" --value 100.00 EUR --ref rule:topup-100@1
run "$tapledger" ledger append --data "$demo/kiosk" --kind earn --member "$member" --points 12 \
    --ref rule:earn-std@3 --extra '{"spend":12000,"rate":"1/1000"}'
run "$tapledger" ledger append --data "$demo/kiosk" --kind redeem --member "$member" --points 10 --ref reward:coffee@1
run "$tapledger" ledger verify --data "$demo/kiosk"
run "$tapledger" ledger export --data "$demo/kiosk" --seq 2 --out "$demo/export"
run openssl pkeyutl -verify -pubin -inkey "$demo/export/device.pub.pem" -rawin \
    -in "$demo/export/entry.bin" -sigfile "$demo/export/entry.sig"
run "$tapledger" ledger head --data "$demo/kiosk"
echo "demo data left in $demo"
