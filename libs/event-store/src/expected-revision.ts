/**
 * Optimistic concurrency: what the writer believes the stream looks like.
 * - `'no_stream'`: the stream must not exist yet;
 * - `'any'`: no check;
 * - `'stream_exists'`: the stream must have at least one event;
 * - a number: the exact 0-based revision of the stream's last event.
 */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | number;

/** What a stream actually looks like: missing, or the revision of its last event. */
export type StreamRevision = 'no_stream' | number;

/** True when appending with `expected` to a stream at `actual` must be refused. */
export function isRevisionConflict(expected: ExpectedRevision, actual: StreamRevision): boolean {
  switch (expected) {
    case 'any':
      return false;
    case 'no_stream':
      return actual !== 'no_stream';
    case 'stream_exists':
      return actual === 'no_stream';
    default:
      return actual !== expected;
  }
}

/** Revision of the first event appended after `actual`. */
export function firstRevisionAfter(actual: StreamRevision): number {
  return actual === 'no_stream' ? 0 : actual + 1;
}

/** Throws a RangeError unless `expected` is a valid expected revision. */
export function assertExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'no_stream' || expected === 'any' || expected === 'stream_exists') return;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return;
  throw new RangeError(`invalid expectedRevision: ${String(expected)}`);
}
