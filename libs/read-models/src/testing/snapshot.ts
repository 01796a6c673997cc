import { AREAS } from '@partner-program/domain';
import type { ReadModelQueries } from '../queries/read-model-queries';

/** Everything the queries answer for these partners: equal snapshots mean equal read models. */
export function snapshot(queries: ReadModelQueries, partnerIds: readonly string[]) {
  const all = <T>(page: (cursor?: string) => { items: T[]; nextCursor: string | null }): T[] => {
    const items: T[] = [];
    for (let cursor: string | undefined, next = page(); ; next = page(cursor)) {
      items.push(...next.items);
      if (next.nextCursor === null) return items;
      cursor = next.nextCursor;
    }
  };
  return {
    statuses: partnerIds.map((id) => queries.partnerStatus(id)),
    partners: AREAS.map((area) => all((cursor) => queries.partners({ area, cursor, limit: 2 }))),
    badges: queries.badges(),
    notices: all((cursor) => queries.renewalNotices({ cursor, limit: 2 })),
    changeIds: queries.tierChanges({ afterSequence: 0, limit: 1000 }).map((change) => change.changeId).sort(),
    checkpoint: queries.checkpoint(),
  };
}
