#!/bin/sh
# Turns a fresh Debian 12 box into a TapLedger kiosk (docs/deployment.md). Idempotent: every step
# first checks whether it is already done and says "ok" instead of doing it again; files that
# exist are never overwritten (a changed sample is reported, not installed). Run as root.
#
# Usage: provision.sh --kiosk-id ID [--reader acr122u|pn532-uart] [--card-keys FILE]
#                     [--policy FILE] [--root DIR] [--no-packages] [--dry-run]
#   --kiosk-id ID    the kiosk's id (1..63 chars of [A-Za-z0-9._-]); goes into kiosk.toml,
#                    the ledger and the CN of the device certificate request
#   --reader NAME    the reader's libnfc.conf and connstring (default pn532-uart)
#   --card-keys FILE the card master key store from HQ custody (installed 0600 tapledger);
#                    never generated here
#   --policy FILE    the signed program policy from HQ (default: left for sync to deliver)
#   --root DIR       install below DIR instead of / (tests, image builds): no packages, no user,
#                    no ownership changes, no systemctl
#   --no-packages    skip apt-get
#   --dry-run        print every step that would change something, change nothing
set -eu

here=$(cd "$(dirname "$0")" && pwd)
kiosk_id="" reader="pn532-uart" card_keys="" policy="" root="" packages=1 dry=0
while [ $# -gt 0 ]; do
  case $1 in
    --kiosk-id) kiosk_id=$2; shift 2 ;;
    --reader) reader=$2; shift 2 ;;
    --card-keys) card_keys=$2; shift 2 ;;
    --policy) policy=$2; shift 2 ;;
    --root) root=$2; shift 2 ;;
    --no-packages) packages=0; shift ;;
    --dry-run) dry=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "provision: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$kiosk_id" ] || { echo "provision: --kiosk-id is required" >&2; exit 2; }
printf '%s' "$kiosk_id" | grep -Eq '^[A-Za-z0-9._-]{1,63}$' ||
  { echo "provision: bad kiosk id '$kiosk_id' (1..63 chars of A-Z a-z 0-9 . _ -)" >&2; exit 2; }
case $reader in
  acr122u) connstring="acr122_usb" ;;
  pn532-uart) connstring="pn532_uart:/dev/tapledger-pn532" ;;
  *) echo "provision: unknown reader '$reader' (acr122u or pn532-uart)" >&2; exit 2 ;;
esac
[ -z "$card_keys" ] || [ -r "$card_keys" ] || { echo "provision: cannot read $card_keys" >&2; exit 2; }
[ -z "$policy" ] || [ -r "$policy" ] || { echo "provision: cannot read $policy" >&2; exit 2; }
system=1
if [ -n "$root" ]; then system=0; packages=0; fi
if [ "$system" -eq 1 ] && [ "$(id -u)" -ne 0 ] && [ "$dry" -eq 0 ]; then
  echo "provision: run as root (or with --root DIR / --dry-run)" >&2; exit 2
fi

changed=0
step() { # step "what" command...: runs (or prints) a change
  changed=$((changed + 1))
  if [ "$dry" -eq 1 ]; then echo "would: $1"; else echo "do: $1"; shift; "$@"; fi
}
ok() { echo "ok: $1"; }

# install_file SRC DEST MODE [OWNER]: installs a file that is not there yet.
install_file() {
  if [ -e "$root$2" ]; then
    if cmp -s "$1" "$root$2"; then ok "$2"; else echo "kept: $2 differs from $(basename "$1") (not overwritten)"; fi
    return
  fi
  if [ "$system" -eq 1 ] && [ -n "${4:-}" ]; then
    step "install $2 ($3, $4)" install -D -m "$3" -o "${4%%:*}" -g "${4##*:}" "$1" "$root$2"
  else
    step "install $2 ($3)" install -D -m "$3" "$1" "$root$2"
  fi
}
# make_dir DIR MODE [OWNER]
make_dir() {
  if [ -d "$root$1" ] && [ "$(stat -c %a "$root$1")" = "${2#0}" ]; then ok "$1/ ($2)"; return; fi
  if [ "$system" -eq 1 ] && [ -n "${3:-}" ]; then
    step "directory $1 ($2, $3)" install -d -m "$2" -o "${3%%:*}" -g "${3##*:}" "$root$1"
  else
    step "directory $1 ($2)" install -d -m "$2" "$root$1"
  fi
}

# 1. Packages: the compositor, Qt's Wayland platform, readers, fonts.
if [ "$packages" -eq 1 ]; then
  missing=""
  for p in cage xwayland qt6-wayland libqt6sql6-sqlite libnfc6 libfreefare0 libsystemd0 libqrencode4 \
           qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates \
           qml6-module-qtquick-window qml6-module-qtquick-layouts qml6-module-qtqml-workerscript \
           qt6-virtualkeyboard-plugin qml6-module-qtquick-virtualkeyboard qml6-module-qt-labs-folderlistmodel \
           fonts-dejavu-core fonts-wqy-microhei openssl; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    step "apt-get install$missing" sh -c "DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends$missing"
  else
    ok "packages"
  fi
fi

# 2. The service user: no login, no home outside the state directory.
if [ "$system" -eq 1 ]; then
  if id tapledger >/dev/null 2>&1; then ok "user tapledger"; else
    step "system user tapledger" adduser --system --group --home /var/lib/tapledger --no-create-home tapledger
  fi
  for g in plugdev lp video render input; do
    if id -nG tapledger 2>/dev/null | tr ' ' '\n' | grep -qx "$g"; then ok "tapledger in $g"
    elif getent group "$g" >/dev/null; then step "tapledger joins $g" adduser tapledger "$g"
    fi
  done
fi

# 3. Directories: configuration readable by the service only, state private to it.
owner="root:tapledger" svc="tapledger:tapledger"
make_dir /etc/tapledger 0750 "$owner"
make_dir /etc/tapledger/tls 0700 "$svc"
make_dir /var/lib/tapledger 0700 "$svc"

# 4. Configuration: kiosk.toml from the sample with this kiosk's id and reader.
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.csr"' EXIT
sed -e "s|^id = \".*\"|id = \"$kiosk_id\"|" -e "s|^connstring = \".*\"|connstring = \"$connstring\"|" \
  "$here/kiosk.toml" > "$tmp"
install_file "$tmp" /etc/tapledger/kiosk.toml 0640 "$owner"
[ -z "$policy" ] || install_file "$policy" /etc/tapledger/policy.json 0640 "$owner"
if [ -n "$card_keys" ]; then install_file "$card_keys" /etc/tapledger/card-keys.json 0600 "$svc"
elif [ ! -e "$root/etc/tapledger/card-keys.json" ]; then
  echo "todo: /etc/tapledger/card-keys.json missing: pass --card-keys FILE from HQ key custody"
fi

# 5. Reader: libnfc device file, udev rule, modprobe blacklist.
# Debian's libnfc.conf is all comments: that one is replaced, a configured one is kept.
nfc_conf=$root/etc/nfc/libnfc.conf
if [ -e "$nfc_conf" ] && ! grep -Eq '^[[:space:]]*[^#[:space:]]' "$nfc_conf"; then
  step "replace Debian's commented /etc/nfc/libnfc.conf with $reader.conf" install -m 0644 "$here/libnfc/$reader.conf" "$nfc_conf"
else
  install_file "$here/libnfc/$reader.conf" /etc/nfc/libnfc.conf 0644
fi
install_file "$here/udev/99-tapledger-readers.rules" /etc/udev/rules.d/99-tapledger-readers.rules 0644
install_file "$here/modprobe.d/blacklist-pn533.conf" /etc/modprobe.d/blacklist-pn533.conf 0644

# 6. Data directory: device signing key and empty ledger (tapledger init, as the service user).
data=/var/lib/tapledger/data
if [ -e "$root$data/ledger.db" ]; then ok "$data"; else
  if [ "$system" -eq 1 ]; then
    step "tapledger init $data" runuser -u tapledger -- tapledger init --data "$data" --kiosk-id "$kiosk_id"
  elif command -v tapledger >/dev/null 2>&1 || [ -n "${TAPLEDGER_CLI:-}" ]; then
    step "tapledger init $data" "${TAPLEDGER_CLI:-tapledger}" init --data "$root$data" --kiosk-id "$kiosk_id"
  else
    echo "todo: $data: no tapledger CLI here (set TAPLEDGER_CLI)"
  fi
fi

# 7. Certificate request for HQ (mutual TLS): made with the data directory's Ed25519 device key
# by `tapledger provision`, so HQ learns the key that signs this kiosk's ledger (docs/sync-transport.md).
csr=/etc/tapledger/device.csr
if [ -e "$root$csr" ]; then ok "$csr"; else
  if [ "$system" -eq 1 ]; then
    step "certificate request $csr (CN=$kiosk_id)" sh -c "runuser -u tapledger -- tapledger provision --data '$data' --out-csr '$root$csr' >/dev/null && chmod 0644 '$root$csr'"
  elif command -v tapledger >/dev/null 2>&1 || [ -n "${TAPLEDGER_CLI:-}" ]; then
    step "certificate request $csr (CN=$kiosk_id)" sh -c "'${TAPLEDGER_CLI:-tapledger}' provision --data '$root$data' --out-csr '$root$csr' >/dev/null && chmod 0644 '$root$csr'"
  else
    echo "todo: $csr: no tapledger CLI here (set TAPLEDGER_CLI)"
  fi
fi

# 8. The unit, started at boot into the graphical target.
install_file "$here/systemd/tapledger-kiosk.service" /etc/systemd/system/tapledger-kiosk.service 0644
if [ "$system" -eq 1 ] && [ -d /run/systemd/system ]; then
  if systemctl is-enabled --quiet tapledger-kiosk.service 2>/dev/null; then ok "tapledger-kiosk enabled"; else
    step "enable tapledger-kiosk.service" sh -c "systemctl daemon-reload && systemctl enable tapledger-kiosk.service"
  fi
  if [ "$(systemctl get-default)" = graphical.target ]; then ok "default target graphical"; else
    step "default target graphical.target" systemctl set-default graphical.target
  fi
  if [ "$changed" -gt 0 ] && [ "$dry" -eq 0 ]; then udevadm control --reload-rules 2>/dev/null || true; fi
fi

if [ "$changed" -eq 0 ]; then echo "provision: nothing to do (kiosk $kiosk_id)"
elif [ "$dry" -eq 1 ]; then echo "provision: $changed change(s) would be made (dry run)"
else echo "provision: $changed change(s) made (kiosk $kiosk_id)"; fi
