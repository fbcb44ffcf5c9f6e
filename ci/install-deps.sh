#!/bin/sh
# Install what medlint needs to build and test on Debian 12, skipping what
# is already there. Run as root (or with sudo available).
set -eu

pkgs="build-essential cmake pkg-config libyaml-dev libcurl4-openssl-dev \
libcmocka-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libpcre2-dev \
libjansson-dev libtomlplusplus-dev python3 git pre-commit ca-certificates strace \
clang-format clang-tidy shellcheck jq python3-yaml \
chromium fonts-dejavu-core neovim"
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
    missing="$missing $p"
done
# Node.js is only for tests that use npm tools (SARIF validation); keep a
# Node that is already installed rather than replacing it with Debian's.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"

if [ -n "$missing" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "install-deps: installing$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    --no-install-recommends $missing
fi
