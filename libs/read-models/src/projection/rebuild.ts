import { partnerIdFromStreamId } from '@partner-program/event-store';
import { type TableSet, pointViewsAt, recreateSet, tierChangesDdl } from '../schema/read-model-schema';
import { PartnerRowsWriter } from './partner-rows-writer';
import { PartnerStates } from './partner-states';
import { type PartnerHead, type ProjectionDeps, SetProjection } from './set-projection';
import { StateCache, type StateCacheLimits } from './state-cache';

// ── Rebuild: a fresh table set filled from the whole log while the live set keeps serving ─────
// Pass 1 scans the log for each partner's last event; pass 2 folds and evaluates every partner
// exactly once from its own stream. Evaluating page by page would re-evaluate a partner whose
// events are spread over the log once per page (quadratic), and keeping every state in memory
// would not fit: this way the work is linear and memory holds one bounded cache.

/** Fresh tier changes wait here and join the published feed at the swap (the feed is never renumbered). */
export const REBUILD_CHANGES_TABLE = 'rebuild_tier_changes';

export type RebuildOptions = Readonly<{ pageSize: number; scanPageSize: number; cache: StateCacheLimits }>;

/** Builds `set` from scratch up to (about) the head of the log; returns its projection and the events read. */
export async function buildFreshSet(deps: ProjectionDeps, set: TableSet, options: RebuildOptions) {
  const { db } = deps;
  recreateSet(db, set);
  db.exec(`DROP TABLE IF EXISTS ${REBUILD_CHANGES_TABLE}`);
  db.exec(tierChangesDdl(REBUILD_CHANGES_TABLE));
  const projection = new SetProjection(
    deps,
    new PartnerRowsWriter(db, set, REBUILD_CHANGES_TABLE),
    new PartnerStates(deps.store, new StateCache(options.cache)),
  );
  const { heads, head, events } = await scanHeads(deps, options.scanPageSize);
  const partners = [...heads.entries()].map(([partnerId, at]): PartnerHead => ({ partnerId, ...at }));
  for (let i = 0; i < partners.length; i += options.pageSize) {
    await projection.projectWhole(partners.slice(i, i + options.pageSize), undefined);
  }
  await projection.projectWhole([], head);
  let caughtUp = 0;
  for (;;) {
    const page = await projection.nextPage(options.pageSize);
    caughtUp += page.events;
    if (page.isEnd || page.events === 0) break;
  }
  return { projection, events: events + caughtUp };
}

/** Makes the fresh set the live one in one transaction: readers switch from one complete model to the other. */
export function swapIn(deps: ProjectionDeps, set: TableSet): void {
  const columns = 'change_id, partner_id, area, from_tier, to_tier, badge, at, position, ruleset, causes';
  deps.db.transaction(() => {
    deps.db.exec(`INSERT OR IGNORE INTO tier_changes (${columns}) SELECT ${columns} FROM ${REBUILD_CHANGES_TABLE} ORDER BY at, sequence`);
    pointViewsAt(deps.db, set);
  })();
  deps.db.exec(`DROP TABLE IF EXISTS ${REBUILD_CHANGES_TABLE}`);
}

/** Each partner's last revision and position in the log, and the log's head. */
async function scanHeads(deps: ProjectionDeps, pageSize: number) {
  const heads = new Map<string, { revision: number; position: bigint }>();
  let head = 0n;
  let events = 0;
  for (let isEnd = false; !isEnd; ) {
    const page = await deps.store.readAll({ fromPosition: head, maxCount: pageSize });
    for (const event of page.events) {
      const partnerId = partnerIdFromStreamId(event.streamId);
      if (partnerId !== undefined) heads.set(partnerId, { revision: event.revision, position: event.position });
    }
    events += page.events.length;
    head = page.nextPosition;
    isEnd = page.isEnd || page.events.length === 0;
  }
  return { heads, head, events };
}
