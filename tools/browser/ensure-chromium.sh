#!/bin/sh
# Debian's Chromium, which the browser tests drive: installed when missing. CI runs on a fresh
# machine as root, so this is what puts it there; elsewhere, a non-root user is told what to run.
set -eu
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Chromium is missing ($CHROMIUM): run 'apt-get update && apt-get install -y chromium' as root" >&2
  exit 1
fi
echo "installing Debian's chromium package for the browser tests..." >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
test -x "$CHROMIUM"
