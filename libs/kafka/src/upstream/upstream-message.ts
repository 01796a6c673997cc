import { type IngestInput, readJsonBytes } from '@partner-program/ingestion';
import type { KafkaMessage } from 'kafkajs';

// ── A Kafka record as the shared ingestion path expects it ───────────────────────────────────

/** One upstream record with what ingestion and dead-lettering need of it. */
export type UpstreamRecord = Readonly<{
  message: KafkaMessage;
  input: IngestInput;
  /** Messages of one lane are ingested one after another, lanes run concurrently. */
  lane: string;
}>;

/**
 * Reads the value with the same reader as HTTP (`readJsonBytes`: strict UTF-8, JSON.parse, and
 * duplicate keys, numbers as written and depth judged), so both ingresses judge the same bytes the
 * same way. A value that is not JSON (or absent) has no body: the ingestion service reports it as
 * `invalid` with the reason, so it takes the same rejection path as every other bad message and is
 * never dropped. `payload` keeps the text as received.
 */
export function toUpstreamRecord(topic: string, partition: number, message: KafkaMessage): UpstreamRecord {
  const received = readJsonBytes(message.value ?? EMPTY);
  const body = received.ok ? received.value : undefined;
  const origin = { transport: 'kafka', topic, partition, offset: message.offset } as const;
  return { message, input: { body, payload: received.text, problems: received.problems, origin }, lane: laneOf(body, message) };
}

const EMPTY = Buffer.alloc(0);

/**
 * Per-partner order is what the domain needs, so the lane is the body's partnerId; the key
 * (partnerId by contract) stands in when the body has none, and such messages are invalid anyway.
 */
function laneOf(body: unknown, message: KafkaMessage): string {
  const partnerId = typeof body === 'object' && body !== null ? (body as { partnerId?: unknown }).partnerId : undefined;
  if (typeof partnerId === 'string') return `p:${partnerId}`;
  return `k:${message.key?.toString('utf8') ?? ''}`;
}
