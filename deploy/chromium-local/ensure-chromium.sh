#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed (the browser the dashboard's browser tests drive through
# playwright-core, which downloads no browser of its own), then runs the command given, if any.
# Usage: ensure-chromium.sh [<command> [args…]]   (npm run test:browser, npm run screenshots, .ci/run)
# CHROMIUM_PATH names another binary (default /usr/bin/chromium).
set -euo pipefail

BIN="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$BIN" ]]; then
  if [[ -n "${CHROMIUM_PATH:-}" ]]; then echo "CHROMIUM_PATH=$BIN is not an executable" >&2; exit 1; fi
  echo "Chromium not found at $BIN: installing Debian's chromium with apt-get …" >&2
  if [[ $EUID -ne 0 ]]; then echo "run as root, or install the chromium package yourself" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2 || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2; }
fi
export CHROMIUM_PATH="$BIN"
if [[ $# -gt 0 ]]; then exec "$@"; fi
