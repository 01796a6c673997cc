#!/usr/bin/env bash
# Stops the cluster started by start.sh (fast shutdown: open transactions roll back).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${PG_RUN_DIR:-$HERE/.cache/cluster}"
DATA="$RUN/data"
as_owner() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"

if [[ -z "$BIN" || ! -f "$DATA/postmaster.pid" ]]; then echo "no PostgreSQL running from $DATA" >&2; exit 0; fi
as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
echo "PostgreSQL on port $(cat "$RUN/port" 2>/dev/null || echo ?) stopped" >&2
