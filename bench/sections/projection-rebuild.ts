import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { partnerStreamId } from '@partner-program/domain';
import { type NewEvent, SqliteEventStore } from '@partner-program/event-store';
import type { Envelope } from '../../scripts/programme-generator';

/** Writes the generated programme into a store in `dir`, a partner's consecutive events per append (bounded memory; interleaved partners append again). */
export async function loadStore(dir: string, messages: Iterable<Envelope>): Promise<number> {
  const store = SqliteEventStore.open({ location: dir });
  let count = 0;
  let current: { partnerId: string; events: NewEvent[] } | undefined;
  const flush = async () => {
    if (current) await store.append(partnerStreamId(current.partnerId), current.events, { expectedRevision: 'any' });
  };
  for (const m of messages) {
    if (current?.partnerId !== m.partnerId) {
      await flush();
      current = { partnerId: m.partnerId, events: [] };
    }
    current.events.push({ type: m.type, data: m.data, metadata: { messageId: m.messageId, source: m.source, occurredAt: m.occurredAt } });
    count++;
  }
  await flush();
  await store.close();
  return count;
}

/**
 * Rebuilds every read model from the store in `dir`, in a child process so its peak RSS is its
 * own; `heapMiB` caps V8's old space (it otherwise grows lazily far beyond the live data).
 */
export function rebuildInChild(dir: string, heapMiB?: number): { events: number; eventsPerSecond: number; peakRssMiB: number } {
  const heap = heapMiB ? [`--max-old-space-size=${heapMiB}`] : [];
  const output = execFileSync(process.execPath, [...heap, '-r', '@swc-node/register', join(__dirname, 'rebuild-child.ts'), dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as ReturnType<typeof rebuildInChild>;
}
