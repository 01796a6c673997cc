/**
 * Body of the crash-test writer children (sqlite-crash-writer.ts, postgres-crash-writer.ts, run
 * compiled with plain node): appends forever through a real store and prints one JSON line per
 * append *after* its promise resolved. The parent SIGKILLs the child at a random moment and
 * checks that every printed append survived. Each event carries `{ append, index, of }` so
 * partial appends are detectable.
 */
import type { NewEvent } from '../event-envelope';
import type { EventStore } from '../event-store.port';

function events(append: string, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    type: 'CrashProbe',
    data: { append, index, of: count, padding: 'x'.repeat(200) },
    metadata: { messageId: `${append}-${index}`, source: 'crash-writer', occurredAt: new Date().toISOString() },
  }));
}

export async function appendUntilKilled(store: EventStore, round: string): Promise<never> {
  const sequential = `partner-seq-${round}`;
  let revision: number | 'no_stream' = 'no_stream';
  process.stdout.write('ready\n');
  for (let batch = 0; ; batch++) {
    const concurrent = Array.from({ length: 16 }, (_, i) => {
      const append = `r${round}-b${batch}-c${i}`;
      const count = i % 2 === 0 ? 1 : 2 + (i % 5); // single- and multi-event appends
      const stream = `partner-crash-${i % 4}`;
      return store.append(stream, events(append, count), { expectedRevision: 'any' }).then((r) => ack(append, stream, count, r));
    });
    // One append per batch with an exact expected revision, racing the group above.
    const append = `r${round}-b${batch}-s`;
    const exact = store.append(sequential, events(append, 3), { expectedRevision: revision }).then((r) => {
      revision = r.nextExpectedRevision;
      ack(append, sequential, 3, r);
    });
    await Promise.all([...concurrent, exact]);
  }
}

function ack(append: string, stream: string, count: number, r: { nextExpectedRevision: number; positions: bigint[] }): void {
  const line = { append, stream, first: r.nextExpectedRevision - count + 1, last: r.nextExpectedRevision, positions: r.positions.map(String) };
  // Synchronous on pipes on Linux: once written, the parent gets it even if we die right after.
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export function exitOnError(error: unknown): void {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
}
