import { FORWARDS, type RecordedEvent } from '@eventstore/db-client';
import type { StoredEvent } from '../event-envelope';
import type { LogHeads, ReadAllPage, StreamHead } from '../event-store.port';
import type { EsdbClient } from './esdb-client';
import { commitPositionOf, isSystemEvent, toEsdbPosition } from './esdb-mapping';

/**
 * One `readAll` page with the port's semantics on top of `$all`, whose reads are inclusive and
 * interleave system events: read windows, skip the boundary event and `$` events, and fetch one
 * extra user event to know exactly whether the page is the last.
 */
export async function readAllPage(client: EsdbClient, from: bigint, maxCount: number, decode: (event: RecordedEvent) => StoredEvent): Promise<ReadAllPage> {
  const events: StoredEvent[] = [];
  let cursor = from;
  for (;;) {
    // At least 2: a window holding only the (skipped) boundary event would never advance.
    const window = Math.max(2, maxCount + 2 - events.length);
    let seen = 0;
    for await (const resolved of client.readAll({ fromPosition: toEsdbPosition(cursor), maxCount: window, direction: FORWARDS })) {
      seen += 1;
      const event = resolved.event;
      const position = event ? commitPositionOf(event) : undefined;
      if (!event || position === undefined || position <= cursor) continue;
      cursor = position;
      if (!isSystemEvent(event)) events.push(decode(event));
      if (events.length > maxCount) break;
    }
    if (events.length > maxCount || seen < window) break;
  }
  const page = events.slice(0, maxCount);
  return { events: page, nextPosition: page.at(-1)?.position ?? from, isEnd: events.length <= maxCount };
}

/** Stream heads from a scan of the whole log: `$all` has no cheaper way to list its streams. */
export async function readHeadsByScan(readPage: (from: bigint) => Promise<ReadAllPage>, prefix: string): Promise<LogHeads> {
  const heads = new Map<string, StreamHead>();
  let position = 0n;
  for (let isEnd = false; !isEnd;) {
    const page = await readPage(position);
    for (const { streamId, revision, position: at } of page.events) {
      if (!streamId.startsWith(prefix)) continue;
      // Deleted first so that the map's order stays the order of each stream's last event.
      heads.delete(streamId);
      heads.set(streamId, { streamId, revision, position: at });
    }
    position = page.nextPosition;
    isEnd = page.isEnd || page.events.length === 0;
  }
  return { position, streams: [...heads.values()] };
}
