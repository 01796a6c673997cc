#!/usr/bin/env bash
# Creates (initdb) and starts a throw-away PostgreSQL cluster for development and tests on a free
# 127.0.0.1 port, and prints DATABASE_URL=… once it accepts connections.
# Usage: start.sh   (environment: PG_PORT, PG_RUN_DIR, PG_BIN, PG_KEEP_DATA; see README.md)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${PG_RUN_DIR:-$HERE/.cache/cluster}"
DATA="$RUN/data"
LOG="$RUN/postgres.log"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
url_for() { echo "DATABASE_URL=postgres://postgres@127.0.0.1:$1/postgres"; }

# initdb refuses to run as root: as root, every cluster command runs as the `postgres` OS user.
as_owner() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1
}

BIN="$(find_bin)"
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
  echo "PostgreSQL server binaries not found: installing Debian's postgresql with apt-get …" >&2
  if [[ $EUID -ne 0 ]]; then echo "run as root, or install the postgresql package yourself" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
  BIN="$(find_bin)"
fi

if [[ -f "$RUN/port" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  echo "PostgreSQL is already running (data $DATA)" >&2
  url_for "$(cat "$RUN/port")"
  exit 0
fi

# A free port: PG_PORT when given, else the first free one from 15432. Below the kernel's ephemeral
# range (32768-60999 here): a port in it can be held by any outgoing connection's local end, which
# no connect test sees and which makes the server's bind fail (seen in CI on 54320). A start that
# still loses its port to a race tries the next one.
start_on() {
  echo "$1" >"$RUN/port"
  # The socket lives in the run dir too, so nothing outside the repo is touched.
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-p $1 -k $RUN -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
}

started=$SECONDS
mkdir -p "$RUN"
if [[ "${PG_KEEP_DATA:-0}" != "1" ]]; then rm -rf "$DATA"; fi
if [[ $EUID -eq 0 ]]; then
  chown postgres: "$RUN"
  # The postgres user must be able to reach the run dir: a checkout under a private folder (mktemp -d
  # makes 0700 ones) stops initdb with "Permission denied". Grant search (not read) on such ancestors.
  dir="$(dirname "$RUN")"
  while [[ "$dir" != "/" ]]; do
    if ! runuser -u postgres -- test -x "$dir"; then
      echo "granting the postgres user search access to $dir (chmod o+x) so it can reach $RUN" >&2
      chmod o+x "$dir"
    fi
    dir="$(dirname "$dir")"
  done
fi
if [[ ! -f "$DATA/PG_VERSION" ]]; then
  # --no-sync only skips initdb's own fsyncs (a fresh cluster); the server itself runs with fsync on.
  as_owner "$BIN/initdb" -D "$DATA" --auth=trust --username=postgres --encoding=UTF8 --no-sync >"$RUN/initdb.log" 2>&1 \
    || { cat "$RUN/initdb.log" >&2; exit 1; }
fi

if [[ -n "${PG_PORT:-}" ]]; then
  if port_open "$PG_PORT"; then echo "port $PG_PORT on 127.0.0.1 is already in use" >&2; exit 1; fi
  start_on "$PG_PORT" || { tail -n 40 "$LOG" >&2; exit 1; }
  PORT="$PG_PORT"
else
  PORT=""
  for ((candidate = 15432; candidate < 15532; candidate++)); do
    port_open "$candidate" && continue
    if start_on "$candidate"; then PORT="$candidate"; break; fi
    grep -q "could not bind\|Address already in use" "$LOG" || { tail -n 40 "$LOG" >&2; exit 1; }
    echo "port $candidate was taken while starting; trying the next one" >&2
  done
  [[ -n "$PORT" ]] || { echo "no free port in 15432-15531 on 127.0.0.1" >&2; exit 1; }
fi
echo "PostgreSQL ready on 127.0.0.1:$PORT in $((SECONDS - started)) s (data: $DATA, log: $LOG)" >&2
url_for "$PORT"
