import type { Consumer } from 'kafkajs';
import type { KafkaLogger } from '../kafka-logger';

// ── Readiness of a consumer, from its instrumentation events ─────────────────────────────────

/**
 * Follows `consumer`'s events: up after joining the group or a successful fetch, down on a crash,
 * disconnect or stop. kafkajs restarts a crashed consumer itself; the next join brings it back up.
 * @returns a function telling whether the consumer is connected now.
 */
export function trackConsumerConnection(consumer: Consumer, logger: KafkaLogger): () => boolean {
  let connected = false;
  const { GROUP_JOIN, FETCH, CRASH, DISCONNECT, STOP } = consumer.events;
  consumer.on(GROUP_JOIN, () => (connected = true));
  consumer.on(FETCH, () => (connected = true));
  consumer.on(CRASH, (event) => {
    connected = false;
    logger.error('upstream consumer crashed', { error: event.payload.error.message, restart: event.payload.restart });
  });
  consumer.on(DISCONNECT, () => (connected = false));
  consumer.on(STOP, () => (connected = false));
  return () => connected;
}
