#!/usr/bin/env bash
# Debian's Alertmanager (0.25) for the contact-point tests, which start their own instance on a free port.
set -euo pipefail
if [ -x /usr/bin/prometheus-alertmanager ]; then exit 0; fi
echo "alertmanager: installing Debian's prometheus-alertmanager"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq prometheus-alertmanager >/dev/null
/usr/bin/prometheus-alertmanager --version 2>&1 | head -n 1
