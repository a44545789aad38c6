#!/bin/sh
# firmware-config/provision.sh into a scratch root (--root: no packages, users or systemctl):
# --dry-run changes nothing, a real run installs every file with its mode, a second run and a
# dry run after it have nothing to do, a bad kiosk id is refused.
# Usage: provision_test.sh PROVISION_SH TAPLEDGER_CLI
set -eu
provision=$1
export TAPLEDGER_CLI=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"
echo '{"fake": "card key store for the test"}' > "$work/card-keys.json"
fail() { echo "FAIL: $*"; exit 1; }
args="--root $root --kiosk-id lobby-test-01 --reader acr122u --card-keys $work/card-keys.json"

out=$(sh "$provision" $args --dry-run)
echo "$out" | grep -q '^would: install /etc/tapledger/kiosk.toml' || fail "dry run lists no kiosk.toml: $out"
echo "$out" | grep -q 'change(s) would be made (dry run)' || fail "dry run summary: $out"
[ -z "$(ls -A "$root")" ] || fail "the dry run wrote: $(find "$root")"

sh "$provision" $args > "$work/first.log" || fail "first run: $(cat "$work/first.log")"
mode() { stat -c %a "$root$1"; }
[ "$(mode /etc/tapledger)" = 750 ] || fail "/etc/tapledger mode $(mode /etc/tapledger)"
[ "$(mode /var/lib/tapledger)" = 700 ] || fail "/var/lib/tapledger mode"
[ "$(mode /etc/tapledger/kiosk.toml)" = 640 ] || fail "kiosk.toml mode"
[ "$(mode /etc/tapledger/card-keys.json)" = 600 ] || fail "card-keys.json mode"
[ "$(mode /var/lib/tapledger/data/device.key)" = 600 ] || fail "device.key mode $(mode /var/lib/tapledger/data/device.key)"
grep -q '^id = "lobby-test-01"' "$root/etc/tapledger/kiosk.toml" || fail "kiosk id not set"
grep -q '^connstring = "acr122_usb"' "$root/etc/tapledger/kiosk.toml" || fail "reader not set"
cmp -s "$(dirname "$provision")/libnfc/acr122u.conf" "$root/etc/nfc/libnfc.conf" || fail "libnfc.conf"
openssl req -in "$root/etc/tapledger/device.csr" -noout -verify 2>&1 | grep -qi 'verify OK' || fail "CSR does not verify"
openssl req -in "$root/etc/tapledger/device.csr" -noout -subject | grep -q 'CN *= *lobby-test-01' || fail "CSR subject"
# The request certifies the ledger's device key (HQ learns it from the certificate).
[ "$(openssl req -in "$root/etc/tapledger/device.csr" -noout -pubkey)" = "$(cat "$root/var/lib/tapledger/data/device.pub.pem")" ] ||
  fail "CSR key is not the device key"
[ -f "$root/var/lib/tapledger/data/ledger.db" ] || fail "no ledger: $(cat "$work/first.log")"
[ -f "$root/etc/systemd/system/tapledger-kiosk.service" ] || fail "no unit"
key_before=$(sha256sum "$root/var/lib/tapledger/data/device.key")

out=$(sh "$provision" $args) || fail "second run: $out"
echo "$out" | grep -q '^provision: nothing to do' || fail "second run changed something: $out"
out=$(sh "$provision" $args --dry-run)
echo "$out" | grep -q '^provision: nothing to do' || fail "dry run after provisioning: $out"
[ "$(sha256sum "$root/var/lib/tapledger/data/device.key")" = "$key_before" ] || fail "the device key was replaced"

# A changed sample is reported, never installed over the kiosk's file.
echo '# local edit' >> "$root/etc/tapledger/kiosk.toml"
out=$(sh "$provision" $args)
echo "$out" | grep -q '^kept: /etc/tapledger/kiosk.toml differs' || fail "edited kiosk.toml: $out"
grep -q '# local edit' "$root/etc/tapledger/kiosk.toml" || fail "the local edit was overwritten"

if sh "$provision" --root "$root" --kiosk-id 'bad id!' > "$work/bad.log" 2>&1; then fail "bad kiosk id accepted"; fi
grep -q "bad kiosk id" "$work/bad.log" || fail "bad id message: $(cat "$work/bad.log")"
echo "provision: dry run, install, idempotent re-run, kept local edit, refused bad id: ok"
