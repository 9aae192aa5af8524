#!/usr/bin/env bash
# Runs before `npm test` (npm's pretest): the browser tests drive Debian's Chromium, the HTML
# validity test runs the Nu HTML Checker on Java, and the feed validity test runs jing, xmllint
# and Python's feedparser. Installs them with apt-get when missing and allowed (root or sudo),
# with at most one apt-get update; never downloads a browser any other way.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
apt_updated=""
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "Missing $*: install with your package manager (Debian: apt-get install -y $*)." >&2
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

# tests/build/feed-validity.test.ts: Atom against RFC 4287's RELAX NG grammar (jing), the sitemap
# against its XSD and RSS well-formedness (xmllint), RSS through feedparser. Debian's
# python3-feedparser is importable from /usr/bin/python3 only (a pyenv or venv python3 may come
# first on PATH), so check the interpreter the test runs: $PYTHON, else /usr/bin/python3.
feed_tools=()
command -v jing >/dev/null || feed_tools+=(jing)
command -v xmllint >/dev/null || feed_tools+=(libxml2-utils)
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x /usr/bin/python3 ]; then python=/usr/bin/python3; else python=python3; fi
fi
"$python" -c 'import feedparser' 2>/dev/null || feed_tools+=(python3-feedparser)
if [ "${#feed_tools[@]}" -gt 0 ]; then
  echo "Installing ${feed_tools[*]} for the feed validity test…" >&2
  apt_install "${feed_tools[@]}"
fi
