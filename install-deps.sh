#!/usr/bin/env bash
# Installs, from Debian 12's own archive, everything village-kiosk needs to build and run; with --tests, also what
# the test suite needs (a mocked USB bus, a virtual smart-card reader, Python for the source checks, clang and
# libFuzzer for the fuzzers), which a kiosk itself never uses.
# Idempotent: when every package is already there it changes nothing and needs no root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libsdl2-dev libimgui-dev libstb-dev libqrencode-dev
  libsqlitecpp-dev libsqlite3-dev
  libcurl4-openssl-dev libusb-1.0-0-dev
  libtomlplusplus-dev libsodium-dev libical-dev nlohmann-json3-dev
  libespeak-ng-dev
  libcairo2-dev
  libpcsclite-dev pcscd
  catch2
  fonts-dejavu-core
  xvfb xauth
  libsystemd-dev
  # The territory hub (village-hub): PostgreSQL's C++ client, the HTTP(S) server library and OpenSSL for it.
  libpqxx-dev libcpp-httplib-dev libssl-dev
)
if [ "${1:-}" = "--tests" ]; then
  packages+=(libumockdev-dev umockdev vsmartcard-vpcd python3 python3-aiosmtpd)
  # The impact report's PDF read back as text (pdftotext) and drawn as PNG (pdftoppm).
  packages+=(poppler-utils)
  # The fuzzers (tests/fuzz): clang with its libFuzzer and sanitizer runtimes.
  packages+=(clang-14 libclang-rt-14-dev)
  # The appliance: its units checked (systemd-analyze), its package checked and installed (lintian), and the
  # installed kiosk started under cage's headless backend (cage needs xwayland), and what each of cage's outputs
  # shows read back (grim).
  packages+=(systemd libpam-systemd lintian cage xwayland grim)
  # The package test makes a database of an older schema to upgrade (sqlite3).
  packages+=(sqlite3)
  # The territory hub's tests start a PostgreSQL of their own (initdb, pg_ctl) and make a certificate (openssl).
  packages+=(postgresql openssl)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
