#!/usr/bin/env bash
# Stops the broker started by start.sh on [port]: SIGTERM (controlled shutdown), then SIGKILL
# after KAFKA_STOP_TIMEOUT_S (default 30) seconds.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${1:-${KAFKA_PORT:-9092}}"
RUN="${KAFKA_RUN_DIR:-$HERE/.cache/run-$PORT}"
PID_FILE="$RUN/kafka.pid"
TIMEOUT_S="${KAFKA_STOP_TIMEOUT_S:-30}"

if [[ ! -f "$PID_FILE" ]]; then echo "no Kafka started on port $PORT (no $PID_FILE)" >&2; exit 0; fi
pid="$(cat "$PID_FILE")"
if ! kill -0 "$pid" 2>/dev/null; then rm -f "$PID_FILE"; echo "Kafka (pid $pid) was not running" >&2; exit 0; fi

kill -TERM "$pid"
for ((i = 0; i < TIMEOUT_S * 10; i++)); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if kill -0 "$pid" 2>/dev/null; then
  echo "Kafka (pid $pid) still running after ${TIMEOUT_S}s: SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
fi
rm -f "$PID_FILE"
echo "Kafka on port $PORT stopped" >&2
