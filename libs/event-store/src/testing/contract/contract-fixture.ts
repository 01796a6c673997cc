import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import type { EventData, EventMetadata, NewEvent, StoredEvent } from '../../event-envelope';
import type { EventStore } from '../../event-store.port';
import type { UpcasterRegistry } from '../../upcaster-registry';

/** Per-store knobs some contract tests need. */
export interface ContractStoreOptions {
  clock?: Clock;
  upcasters?: UpcasterRegistry;
}

/** A store under test plus what the suite needs to inspect it. */
export interface ContractFixture {
  store: EventStore;
  cleanup: () => Promise<void>;
}

/** Creates a fresh store (or, for a shared server, a client of it). */
export type MakeContractStore = (options: ContractStoreOptions) => Promise<ContractFixture>;

/** Tuning for slow backends. */
export interface ContractOptions {
  /** Events in the large-stream test. Default 100,000. */
  largeStreamEvents?: number;
  /** Each fixture is a fresh store numbering positions 1, 2, 3, … (SQLite). Default false. */
  gapFreePositions?: boolean;
  /** The store wakes readers waiting for appends (WakesOnAppend: SQLite, PostgreSQL). Default false. */
  wakesOnAppend?: boolean;
}

/** A valid event with unique messageId. */
export function testEvent(type = 'TestEvent', data: EventData = {}, metadata: Partial<EventMetadata> = {}): NewEvent {
  return {
    type,
    data,
    metadata: { messageId: randomUUID(), source: 'contract-test', occurredAt: '2024-05-01T10:00:00.000Z', ...metadata },
  };
}

/** `count` events numbered from `from` in `data.n`. */
export function numbered(count: number, from = 0, type = 'Numbered'): NewEvent[] {
  return Array.from({ length: count }, (_, i) => testEvent(type, { n: from + i }));
}

/** A stream id no other test (or earlier run against a shared server) uses. */
export function uniqueStream(prefix = 'partner-'): string {
  return `${prefix}${randomUUID()}`;
}

/** Drains an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/**
 * Current head of the global log, found by appending a marker to a private stream. Lets tests
 * that inspect `$all` ignore whatever earlier tests (or other users of a shared server) wrote.
 */
export async function headPosition(store: EventStore): Promise<bigint> {
  const result = await store.append(uniqueStream('fence-'), [testEvent('Fence')], { expectedRevision: 'no_stream' });
  return result.position;
}

/** Reads `readAll` pages from `from` to the end, keeping events of the given streams. */
export async function readAllAfter(store: EventStore, from: bigint, streams: ReadonlySet<string>, maxCount = 100): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let position = from;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount });
    out.push(...page.events.filter((e) => streams.has(e.streamId)));
    position = page.nextPosition;
    if (page.isEnd) return out;
  }
}

/** Asserts strictly increasing positions. */
export function expectIncreasing(positions: readonly bigint[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (!(positions[i]! > positions[i - 1]!)) throw new Error(`positions not strictly increasing at ${i}: ${positions[i - 1]} then ${positions[i]}`);
  }
}
