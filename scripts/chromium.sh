#!/usr/bin/env bash
# Playwright's own browser download does not work here: use Debian's chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "chromium: installing Debian's chromium"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
