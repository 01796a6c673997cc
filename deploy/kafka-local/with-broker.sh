#!/usr/bin/env bash
# Runs a command with KAFKA_BROKERS set: uses $KAFKA_BROKERS when given, otherwise starts the local
# broker (start.sh) and stops it afterwards, unless it was already running before.
# Usage: with-broker.sh <command> [args…]   (npm run test:integration, .ci/run)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -n "${KAFKA_BROKERS:-}" ]]; then exec "$@"; fi

PORT="${KAFKA_PORT:-9092}"
PID_FILE="${KAFKA_RUN_DIR:-$HERE/.cache/run-$PORT}/kafka.pid"
already_running=0
if [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then already_running=1; fi

line="$("$HERE/start.sh" "$PORT" | tail -n1)"
export KAFKA_BROKERS="${line#KAFKA_BROKERS=}"
if [[ "$already_running" == "0" ]]; then trap '"$HERE/stop.sh" "$PORT"' EXIT; fi
"$@"
