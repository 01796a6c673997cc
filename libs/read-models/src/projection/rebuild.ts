import { type PartnerState, initialState } from '@partner-program/domain';
import { type TableSet, pointViewsAt, recreateSet, tierChangesDdl } from '../schema/read-model-schema';
import { PartnerRowsWriter } from './partner-rows-writer';
import { PartnerStates } from './partner-states';
import { type PartnerHead, type ProjectionDeps, SetProjection, byPartner } from './set-projection';
import { StateCache, type StateCacheLimits } from './state-cache';

// ── Rebuild: a fresh table set filled from the whole log while the live set keeps serving ─────
// Pass 1 reads the log once, folding every partner whose state stays in the bounded cache and
// noting each partner's last event; pass 2 evaluates every partner exactly once, from the cache
// or, for partners the cache had to drop, folded again from their own stream. Evaluating page by
// page would re-evaluate a partner spread over the log once per page (quadratic), and keeping
// every state in memory would not fit: this way the work is linear and memory stays bounded.

/**
 * Fresh tier changes wait here and join the published feed at the swap (the feed is never
 * renumbered). The live feed already holds every change up to each partner's last live
 * evaluation, so the rebuild records only what comes after it: the feed reads as if the live
 * projection had gone on, and the costly full-history timeline is computed only for partners
 * the live model does not know.
 */
export const REBUILD_CHANGES_TABLE = 'rebuild_tier_changes';

export type RebuildOptions = Readonly<{ pageSize: number; scanPageSize: number; cache: StateCacheLimits }>;

/** Builds `set` from scratch up to (about) the head of the log; returns its projection and the events read. */
export async function buildFreshSet(deps: ProjectionDeps, set: TableSet, live: PartnerRowsWriter, options: RebuildOptions) {
  const { db } = deps;
  recreateSet(db, set);
  db.exec(`DROP TABLE IF EXISTS ${REBUILD_CHANGES_TABLE}`);
  db.exec(tierChangesDdl(REBUILD_CHANGES_TABLE));
  const projection = new SetProjection(
    deps,
    new PartnerRowsWriter(db, set, REBUILD_CHANGES_TABLE),
    new PartnerStates(deps.store, new StateCache(options.cache)),
  );
  const { heads, head, events } = await scanAndFold(deps, projection.states, options.scanPageSize);
  // Partners whose folded state is in the cache first: evaluating them never evicts another one.
  const ready: PartnerHead[] = [];
  const dropped: PartnerHead[] = [];
  for (const p of heads.values()) (projection.states.cache.versionOf(p.partnerId) === p.revision + 1 ? ready : dropped).push(p);
  const partners = [...ready, ...dropped];
  for (let i = 0; i < partners.length; i += options.pageSize) {
    await projection.projectWhole(partners.slice(i, i + options.pageSize), undefined, afterLiveFeed(live));
    await yieldToEventLoop();
  }
  await projection.projectWhole([], head, afterLiveFeed(live));
  let caughtUp = 0;
  for (;;) {
    const page = await projection.nextPage(options.pageSize);
    caughtUp += page.events;
    if (page.isEnd || page.events === 0) break;
    await yieldToEventLoop();
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

/** Where the live feed of a partner ends: its last live evaluation, or before the earliest fact the live model has not seen. */
function afterLiveFeed(live: PartnerRowsWriter) {
  return (partnerId: string, state: PartnerState): number | undefined => {
    const stored = live.stored(partnerId);
    if (!stored) return undefined;
    let after = stored.evaluatedAt;
    for (const { event, revision } of state.messages.values()) {
      if (revision > stored.revision) after = Math.min(after, Date.parse(event.meta.occurredAt) - 1);
    }
    return after;
  };
}

/** Folds what the cache can hold; returns each partner's last event, the log's head and the events read. */
async function scanAndFold(deps: ProjectionDeps, states: PartnerStates, pageSize: number) {
  const heads = new Map<string, PartnerHead>();
  let head = 0n;
  let events = 0;
  for (let isEnd = false; !isEnd; ) {
    const page = await deps.store.readAll({ fromPosition: head, maxCount: pageSize });
    await yieldToEventLoop();
    for (const [partnerId, group] of byPartner(page.events)) {
      const { revision, position } = group.at(-1)!;
      heads.set(partnerId, { partnerId, revision, position });
      const kept = states.cache.take(partnerId);
      // A full cache admits no newcomer: under LRU, partners interleaved round-robin would evict
      // each other before their next event and none would stay folded. Whoever is left out (or
      // was dropped) is folded again from its own stream in pass 2.
      const admit = group[0]!.revision === 0 && states.cache.hasRoomFor(group.length);
      const base = kept?.version === group[0]!.revision ? kept : admit ? initialState() : undefined;
      if (base) states.keep(partnerId, PartnerStates.apply(base, group));
    }
    events += page.events.length;
    head = page.nextPosition;
    isEnd = page.isEnd || page.events.length === 0;
  }
  return { heads, head, events };
}

/**
 * Lets queued I/O (HTTP requests on the live model) run between pages: the SQLite store answers
 * synchronously, so a rebuild would otherwise be one long chain of microtasks.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
