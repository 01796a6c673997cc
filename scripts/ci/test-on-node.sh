#!/usr/bin/env bash
# `npm ci` and `npm test` (typecheck, layer rules, build, jest) on another Node major, in a copy of
# this checkout, so its node_modules (better-sqlite3 is built for one Node ABI) and dist/ stay as
# they are. The copy holds the files git would commit (tracked and new, not ignored) and is removed
# afterwards. Kafka and benchmark runs stay on the machine's Node: they test the broker, not Node.
# Usage: scripts/ci/test-on-node.sh 24     (.ci/run)
set -euo pipefail

MAJOR="${1:?usage: $0 <node major, e.g. 24>}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COPY="$(mktemp -d "${TMPDIR:-/tmp}/partner-program-node$MAJOR.XXXXXX")"
trap 'rm -rf "$COPY"' EXIT

cd "$ROOT"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do
      # A worktree's node_modules may be a symlink to another checkout's: never copy it.
      [[ -e "$f" && "$f" != node_modules ]] && printf '%s\0' "$f"
    done \
  | tar --null -T - -cf - | tar -xf - -C "$COPY"

# The Node binary is cached in this checkout (.cache/node), not in the copy, so a rerun reuses it.
run() { (cd "$COPY" && "$ROOT/scripts/ci/with-node.sh" "$MAJOR" "$@"); }
echo "== node $(run node --version) in $COPY"
SECONDS=0
# better-sqlite3's prebuild-install would first try to fetch a prebuilt binary from outside the
# registry: build it from source at once. Set for npm ci alone, as npm warns it does not know the key.
run env npm_config_build_from_source=true npm ci --no-audit --no-fund
echo "== npm ci on node $MAJOR: ${SECONDS}s"
SECONDS=0
run npm test
echo "== npm test on node $MAJOR: ${SECONDS}s"
