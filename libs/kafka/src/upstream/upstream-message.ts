import type { IngestInput } from '@partner-program/ingestion';
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
 * Parses the value as JSON. A value that is not JSON (or absent) is passed on as its raw text:
 * the ingestion service reports any non-object body as `invalid`, so it takes the same rejection
 * path as every other bad message and is never dropped. `payload` keeps the bytes as received.
 */
export function toUpstreamRecord(topic: string, partition: number, message: KafkaMessage): UpstreamRecord {
  const payload = message.value?.toString('utf8') ?? '';
  const body = parseJson(payload);
  const origin = { transport: 'kafka', topic, partition, offset: message.offset } as const;
  return { message, input: { body, payload, origin }, lane: laneOf(body, message) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Per-partner order is what the domain needs, so the lane is the body's partnerId; the key
 * (partnerId by contract) stands in when the body has none, and such messages are invalid anyway.
 */
function laneOf(body: unknown, message: KafkaMessage): string {
  const partnerId = typeof body === 'object' && body !== null ? (body as { partnerId?: unknown }).partnerId : undefined;
  if (typeof partnerId === 'string') return `p:${partnerId}`;
  return `k:${message.key?.toString('utf8') ?? ''}`;
}
