#!/usr/bin/env bash
# Makes sure Debian's chromium (and a Chinese font for readable screenshots) is installed for the
# widget's browser tests. Never downloads a browser any other way. When chromium cannot be installed
# it says what to install, loudly, and:
#   - under CI (CI=true) or with ZWGK_REQUIRE_ALL=1, exits 1: a missing browser is an error there;
#   - otherwise exits 0, and the browser tests skip.
set -u

CHROMIUM=/usr/bin/chromium
INSTALL="apt-get install -y --no-install-recommends chromium fonts-wqy-microhei"

required() {
  case "${CI:-}" in true|TRUE|True|1) return 0 ;; esac
  [ "${ZWGK_REQUIRE_ALL:-}" = 1 ]
}

missing() {
  local verdict="SKIP: widget browser tests will be skipped" status=0
  if required; then
    verdict="ERROR: the widget browser tests cannot run (CI=true or ZWGK_REQUIRE_ALL=1: no skipping)"
    status=1
  fi
  echo "=================================================================" >&2
  echo "$verdict: $*" >&2
  echo "      install Debian's chromium as root: $INSTALL" >&2
  echo "=================================================================" >&2
  exit "$status"
}

if [ -x "$CHROMIUM" ]; then
  need_browser=0
else
  need_browser=1
fi
if command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .; then
  need_font=0
else
  need_font=1
fi
[ "$need_browser" = 0 ] && [ "$need_font" = 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  [ "$need_browser" = 1 ] && missing "$CHROMIUM is missing and apt-get is not available"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
  else
    [ "$need_browser" = 1 ] && missing "$CHROMIUM is missing and installing it needs root (no passwordless sudo)"
    exit 0
  fi
fi

packages=()
[ "$need_browser" = 1 ] && packages+=(chromium)
[ "$need_font" = 1 ] && packages+=(fonts-wqy-microhei)
echo "ensure-chromium: installing ${packages[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >&2; then
  [ "$need_browser" = 1 ] && missing "apt-get could not install chromium"
  echo "ensure-chromium: no Chinese font installed; screenshots will show boxes for Chinese text" >&2
  exit 0
fi
[ -x "$CHROMIUM" ] || missing "apt-get ran but $CHROMIUM is still missing"
exit 0
