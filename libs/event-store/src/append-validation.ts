import type { NewEvent } from './event-envelope';
import { InvalidAppendError } from './event-store.errors';
import { assertExpectedRevision, type ExpectedRevision } from './expected-revision';

/**
 * Checks an append before any adapter touches storage, so every adapter rejects the same inputs
 * and a bad append can never poison a group commit.
 */
export function validateAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new InvalidAppendError('streamId must be a non-empty string');
  // `$` streams are EventStoreDB system streams; refusing them everywhere keeps adapters alike.
  if (streamId.startsWith('$')) throw new InvalidAppendError(`streamId must not start with '$': ${streamId}`);
  try {
    assertExpectedRevision(expected);
  } catch (error) {
    throw new InvalidAppendError((error as Error).message);
  }
  if (!Array.isArray(events) || events.length === 0) throw new InvalidAppendError('append needs at least one event');
  events.forEach((event: NewEvent, i) => validateEvent(event, `${streamId}[${i}]`));
}

function validateEvent(event: NewEvent, where: string): void {
  if (typeof event?.type !== 'string' || event.type.length === 0) throw new InvalidAppendError(`${where}: type must be a non-empty string`);
  if (!isPlainObject(event.data)) throw new InvalidAppendError(`${where}: data must be a JSON object`);
  const metadata: unknown = event.metadata;
  if (!isPlainObject(metadata)) throw new InvalidAppendError(`${where}: metadata missing`);
  for (const key of ['messageId', 'source', 'occurredAt'] as const) {
    const value = metadata[key];
    if (typeof value !== 'string' || value.length === 0) throw new InvalidAppendError(`${where}: metadata.${key} must be a non-empty string`);
  }
  if (Number.isNaN(Date.parse(metadata['occurredAt'] as string))) throw new InvalidAppendError(`${where}: metadata.occurredAt is not an ISO date`);
  const version = metadata['schemaVersion'];
  if (version !== undefined && !(Number.isInteger(version) && (version as number) >= 1)) {
    throw new InvalidAppendError(`${where}: metadata.schemaVersion must be a positive integer`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `JSON.stringify` that reports unserialisable input (BigInt, cycles) as an {@link InvalidAppendError}. */
export function toJsonText(value: unknown, where: string): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    throw new InvalidAppendError(`${where}: not JSON-serialisable (${(error as Error).message})`);
  }
}
