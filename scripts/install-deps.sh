#!/usr/bin/env bash
# Installs every Debian 12 package TapLedger needs to build, test and run its demo.
# Idempotent: runs `apt-get update` and `apt-get install` only when a package is missing.
# Usage (as root, or with sudo available): scripts/install-deps.sh
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git ca-certificates
  # core: crypto, storage, CLI, formats
  libssl-dev openssl libsqlite3-dev sqlite3
  libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libhowardhinnant-date-dev
  libfmt-dev libspdlog-dev tzdata
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # HQ storage and transport
  postgresql-15 postgresql-client-15 libpq-dev libpqxx-dev libcpp-httplib-dev
  # cards
  libnfc-dev libnfc-bin libnfc-examples libfreefare-dev libfreefare-bin
  # card key custody: PKCS#11 headers; SoftHSM2 + pkcs11-tool for the token tests
  libp11-kit-dev p11-kit softhsm2 opensc
  # kiosk (Qt 6 / QML)
  qt6-declarative-dev qt6-tools-dev qt6-l10n-tools libqt6sql6-sqlite
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qtquick-layouts
  qml6-module-qttest
  qt6-virtualkeyboard-plugin qml6-module-qtquick-virtualkeyboard qml6-module-qt-labs-folderlistmodel
  libqrencode-dev
  # ICU: currency symbols on screen, Han-Latin (pinyin) member lookup
  libicu-dev
  # CRM at HQ: GSL (BG/NBD fit, special functions), libcsv (purchase import)
  libgsl-dev libcsv-dev
  # screens, fonts and headless display
  xvfb xauth imagemagick xdotool fonts-dejavu-core fonts-wqy-microhei
  # appliance: cage (needs Xwayland to start), Qt on Wayland, sd_notify, unit checks; fuzzing
  cage xwayland qt6-wayland libsystemd-dev systemd
  clang-14 libclang-rt-14-dev
  # CRM: OpenMP for the BG/NBD likelihood sum (gcc brings libgomp; clang-14, the asan build, needs libomp)
  libomp-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  SUDO=sudo
fi
echo "install-deps: installing ${#missing[@]} missing packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
