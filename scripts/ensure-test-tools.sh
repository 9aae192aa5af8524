#!/usr/bin/env bash
# Runs before `npm test` (npm's pretest): the browser tests drive Debian's Chromium and the HTML
# validity test runs the Nu HTML Checker on Java. Installs them with apt-get when missing and
# allowed (root or sudo); never downloads a browser any other way.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_updated=""
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "Missing $1: install it with your package manager (Debian: apt-get install -y $1)." >&2
    exit 1
  fi
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# CHROMIUM_PATH points the browser tests at another Chromium build (e.g. Chrome on CI runners).
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…" >&2
  apt_install chromium
fi
if ! command -v java >/dev/null; then
  echo "Installing Java for the Nu HTML Checker…" >&2
  apt_install default-jre-headless
fi
