#!/usr/bin/env bash
# Starts a single-node Apache Kafka (KRaft, broker+controller) on 127.0.0.1 from the official jars
# on Maven Central, waits until a kafkajs admin call succeeds and prints KAFKA_BROKERS=…
# Usage: start.sh [port]   (see README.md for the environment variables)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${1:-${KAFKA_PORT:-9092}}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
CACHE="$HERE/.cache"
LIBS="$CACHE/libs"
# One run dir per port, so a test can run its own broker beside the developer's.
RUN="${KAFKA_RUN_DIR:-$CACHE/run-$PORT}"
PID_FILE="$RUN/kafka.pid"
LOG="$RUN/broker.log"
CONFIG="$RUN/server.properties"
READY_TIMEOUT_S="${KAFKA_READY_TIMEOUT_S:-90}"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ── Jars: resolved once; the pom's hash says when to resolve again ───────────────────────────
resolve_jars() {
  local stamp="$CACHE/libs.sha256" want
  want="$(sha256sum "$HERE/pom.xml" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -n "$(ls -A "$LIBS" 2>/dev/null)" ]]; then return; fi
  echo "resolving the Kafka broker jars with Maven into $LIBS …" >&2
  rm -rf "$LIBS" && mkdir -p "$LIBS"
  local started=$SECONDS
  mvn -B -f "$HERE/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS" >"$CACHE/mvn.log" 2>&1 \
    || { tail -n 40 "$CACHE/mvn.log" >&2; echo "resolving the jars failed (full log: $CACHE/mvn.log)" >&2; exit 1; }
  echo "$want" >"$stamp"
  echo "jars resolved in $((SECONDS - started)) s" >&2
}

# ── Config: single node, replication factor 1 everywhere, no implicit topics ─────────────────
write_config() {
  cat >"$CONFIG" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=$RUN/data
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
auto.create.topics.enable=false
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
}

if [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "Kafka is already running (pid $(cat "$PID_FILE"))" >&2
  echo "KAFKA_BROKERS=127.0.0.1:$PORT"
  exit 0
fi
for p in "$PORT" "$CONTROLLER_PORT"; do
  if port_open "$p"; then echo "port $p on 127.0.0.1 is already in use" >&2; exit 1; fi
done

started=$SECONDS
resolve_jars
mkdir -p "$RUN"
if [[ "${KAFKA_KEEP_DATA:-0}" != "1" ]]; then rm -rf "$RUN/data"; fi
write_config
if [[ ! -f "$RUN/data/meta.properties" ]]; then
  cluster_id="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
  java -cp "$LIBS/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$CONFIG" >>"$RUN/format.log" 2>&1 \
    || { cat "$RUN/format.log" >&2; exit 1; }
fi

# setsid: the broker outlives this script and ignores the caller's terminal signals.
setsid java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseG1GC -Djava.awt.headless=true \
  -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
  -cp "$LIBS/*" kafka.Kafka "$CONFIG" >>"$LOG" 2>&1 </dev/null &
echo $! >"$PID_FILE"

if ! node "$HERE/wait-ready.js" "127.0.0.1:$PORT" "$READY_TIMEOUT_S" "$(cat "$PID_FILE")"; then
  echo "Kafka did not become ready; last lines of $LOG:" >&2
  tail -n 60 "$LOG" >&2
  "$HERE/stop.sh" "$PORT" >&2 || true
  exit 1
fi
echo "Kafka ready on 127.0.0.1:$PORT in $((SECONDS - started)) s (log: $LOG)" >&2
echo "KAFKA_BROKERS=127.0.0.1:$PORT"
