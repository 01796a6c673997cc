import { AREAS } from '@partner-program/domain';
import type { ReadModelQueries } from '../queries/read-model-queries';

/** Everything the queries answer for these partners: equal snapshots mean equal read models. */
export async function snapshot(queries: ReadModelQueries, partnerIds: readonly string[]) {
  const all = async <T>(page: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> => {
    const items: T[] = [];
    for (let cursor: string | undefined, next = await page(); ; next = await page(cursor)) {
      items.push(...next.items);
      if (next.nextCursor === null) return items;
      cursor = next.nextCursor;
    }
  };
  const partners = [];
  for (const area of AREAS) partners.push(await all((cursor) => queries.partners({ area, cursor, limit: 2 })));
  return {
    statuses: await Promise.all(partnerIds.map((id) => queries.partnerStatus(id))),
    partners,
    badges: await queries.badges(),
    notices: await all((cursor) => queries.renewalNotices({ cursor, limit: 2 })),
    tierRiskNotices: await all((cursor) => queries.tierRiskNotices({ cursor, limit: 2 })),
    changeIds: (await queries.tierChanges({ afterSequence: 0, limit: 1000 })).map((change) => change.changeId).sort(),
    checkpoint: await queries.checkpoint(),
  };
}
