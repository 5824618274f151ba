#!/usr/bin/env bash
# Install Debian packages for the tests, waiting for apt's locks instead of failing when another
# apt run (unattended-upgrades on a fresh machine, a second `make` in another checkout) holds them.
# usage: scripts/apt_install.sh PACKAGE...
set -euo pipefail
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
APT=($SUDO env DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=600)
# `apt-get update` takes the lists lock, which DPkg::Lock::Timeout does not cover: retry it.
for attempt in $(seq 1 60); do
  if "${APT[@]}" update; then break; fi
  if [ "$attempt" = 60 ]; then echo "apt-get update kept failing; see above" >&2; exit 100; fi
  echo "apt-get update failed (another apt may hold its lock); retrying in 10 s" >&2
  sleep 10
done
"${APT[@]}" install -y "$@" >/dev/null
