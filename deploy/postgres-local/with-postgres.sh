#!/usr/bin/env bash
# Runs a command with DATABASE_URL set: uses $DATABASE_URL when given, otherwise starts the local
# cluster (start.sh) and stops it afterwards, unless it was already running before.
# Usage: with-postgres.sh <command> [args…]   (npm run test:postgres, .ci/run)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -n "${DATABASE_URL:-}" ]]; then exec "$@"; fi

RUN="${PG_RUN_DIR:-$HERE/.cache/cluster}"
already_running=0
if [[ -f "$RUN/data/postmaster.pid" ]]; then already_running=1; fi

line="$("$HERE/start.sh" | tail -n1)"
export DATABASE_URL="${line#DATABASE_URL=}"
if [[ "$already_running" == "0" ]]; then trap '"$HERE/stop.sh"' EXIT; fi
"$@"
