import type { Consumer } from 'kafkajs';
import type { KafkaLogger } from '../kafka-logger';

// ── Readiness of a consumer, from its instrumentation events ─────────────────────────────────

/** Without a fetch, heartbeat, join or commit for this long, the consumer counts as disconnected. */
export const DEFAULT_STALE_AFTER_MS = 20_000;

/**
 * Follows `consumer`'s events: in contact after joining the group, a fetch, a heartbeat or a commit
 * (an idle consumer still fetches every few seconds); out on a crash, disconnect or stop. kafkajs
 * retries a lost broker for a while before it crashes, so staleness is what notices it first.
 * @returns a function telling whether the consumer is connected now.
 */
export function trackConsumerConnection(consumer: Consumer, logger: KafkaLogger, staleAfterMs = DEFAULT_STALE_AFTER_MS): () => boolean {
  let alive = false;
  let lastContact = 0;
  const contact = () => {
    alive = true;
    lastContact = Date.now();
  };
  const { GROUP_JOIN, FETCH, HEARTBEAT, COMMIT_OFFSETS, CRASH, DISCONNECT, STOP } = consumer.events;
  for (const event of [GROUP_JOIN, FETCH, HEARTBEAT, COMMIT_OFFSETS]) consumer.on(event, contact);
  consumer.on(CRASH, (event) => {
    alive = false;
    logger.error('upstream consumer crashed', { error: event.payload.error.message, restart: event.payload.restart });
  });
  consumer.on(DISCONNECT, () => (alive = false));
  consumer.on(STOP, () => (alive = false));
  return () => alive && Date.now() - lastContact < staleAfterMs;
}
