import { FORWARDS, type RecordedEvent } from '@eventstore/db-client';
import type { StoredEvent } from '../event-envelope';
import type { ReadAllPage } from '../event-store.port';
import type { EsdbClient } from './esdb-client';
import { commitPositionOf, isSystemEvent, toEsdbPosition } from './esdb-mapping';

/**
 * One `readAll` page with the port's semantics on top of `$all`, whose reads are inclusive and
 * interleave system events: read windows, skip the boundary event and `$` events, and fetch one
 * extra user event to know exactly whether the page is the last.
 */
export async function readAllPage(
  client: EsdbClient,
  from: bigint,
  maxCount: number,
  decode: (event: RecordedEvent) => StoredEvent,
): Promise<ReadAllPage> {
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
