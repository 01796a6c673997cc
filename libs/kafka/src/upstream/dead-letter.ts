import type { IngestResult } from '@partner-program/ingestion';
import type { IHeaders, Message } from 'kafkajs';
import type { UpstreamRecord } from './upstream-message';

// ── The dead-letter record: the message as received, with headers saying why ────────────────

/** Header names on `partner-program.upstream.v1.dlq`. */
export const DLQ_HEADERS = {
  outcome: 'pp-outcome',
  reason: 'pp-reason',
  code: 'pp-code',
  topic: 'pp-original-topic',
  partition: 'pp-original-partition',
  offset: 'pp-original-offset',
} as const;

/** Headers are not meant for bulk data: a reason listing many broken rules is cut to this size. */
export const MAX_REASON_BYTES = 4096;

/** True for the outcomes that go to the dead-letter topic. */
export function isDeadLetter(result: IngestResult): boolean {
  return result.outcome === 'invalid' || result.outcome === 'rejected';
}

/**
 * The dead-letter message for a record: same key, same value bytes, the original headers kept,
 * plus the outcome, reason, code and original coordinates (which also make it dedupable).
 */
export function toDeadLetter(topic: string, partition: number, record: UpstreamRecord, result: IngestResult): Message {
  const { message } = record;
  const headers: IHeaders = {
    ...message.headers,
    [DLQ_HEADERS.outcome]: result.outcome,
    [DLQ_HEADERS.reason]: truncateUtf8(result.reason ?? '', MAX_REASON_BYTES),
    [DLQ_HEADERS.code]: result.code ?? result.outcome,
    [DLQ_HEADERS.topic]: topic,
    [DLQ_HEADERS.partition]: String(partition),
    [DLQ_HEADERS.offset]: message.offset,
  };
  return { key: message.key, value: message.value, headers };
}

/** Splits dead letters into sends of at most `maxBytes` (keys, values and headers; at least one each), under the broker's request limits. */
export function inSends(messages: readonly Message[], maxBytes = 512 * 1024): Message[][] {
  const sends: Message[][] = [];
  let size = Infinity;
  for (const message of messages) {
    const bytes = sizeOf(message);
    if (size + bytes > maxBytes) {
      sends.push([]);
      size = 0;
    }
    sends.at(-1)!.push(message);
    size += bytes;
  }
  return sends;
}

function sizeOf(message: Message): number {
  const headers = Object.entries(message.headers ?? {}).reduce((sum, [name, value]) => sum + name.length + String(value ?? '').length, 0);
  return (message.key?.length ?? 0) + (message.value?.length ?? 0) + headers + 64;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character, marking the cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const marker = '…[truncated]';
  const budget = maxBytes - Buffer.byteLength(marker, 'utf8');
  let cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, budget)).toString('utf8');
  // A split multi-byte character decodes to U+FFFD at the end: drop it.
  while (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return cut + marker;
}
