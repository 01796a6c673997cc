import { type PartnerState, PARTNER_STREAM_PREFIX } from '@partner-program/domain';
import type { TableSet } from '../schema/table-sets';
import type { ReadModelStorage, SetRows, StoredPartner } from '../storage/read-model-storage';
import { pagesOf } from './partner-pages';
import { PartnerStates } from './partner-states';
import { type ChangesAfterOf, type ProjectionDeps, SetProjection } from './set-projection';
import { StateCache, type StateCacheLimits } from './state-cache';

// ── Rebuild: a fresh table set filled from the whole log while the live set keeps serving ─────
// Partner by partner: the store says where every partner stream ends (no payload decoded), then
// each partner is folded from its own stream, evaluated once and let go. Every event is read
// once, the work is linear, and memory holds one page of partners whatever the log's size.
// (Folding the log in position order instead needs every partner's state until its last event,
// which at millions of events outgrows any bounded cache and makes most partners be read twice.)

// Fresh tier changes wait in a scratch feed and join the published feed at the swap (the feed is
// never renumbered). The live feed already holds every change up to each partner's last live
// evaluation, so the rebuild records only what comes after it: the feed reads as if the live
// projection had gone on, and the costly full-history timeline is computed only for partners
// the live model does not know.

export type RebuildOptions = Readonly<{
  /** Most partners evaluated per transaction. */
  pageSize: number;
  /** Most events folded per transaction (a page holds fewer partners when they are large). */
  pageEvents: number;
  /** Bounds of the states the rebuild hands over to the live projection. */
  cache: StateCacheLimits;
}>;

/** Builds `set` from scratch up to (about) the head of the log; returns its projection and the events read. */
export async function buildFreshSet(deps: ProjectionDeps, storage: ReadModelStorage, set: TableSet, live: SetRows, options: RebuildOptions) {
  await storage.startRebuild(set);
  const projection = await SetProjection.open(deps, storage.setRows(set, 'rebuild'), new PartnerStates(deps.store, new StateCache(options.cache)));
  const heads = await deps.store.readHeads({ streamPrefix: PARTNER_STREAM_PREFIX });
  let events = 0;
  const pages = [...pagesOf(heads.streams, options)];
  for (const [index, page] of pages.entries()) {
    // Only the last page's states are kept for the live loop. Streams come ordered by their last
    // event, so those are the most recently active partners. Kept any earlier, every state would
    // outlive a few young-generation GCs, be copied to the old one and be evicted from there: on
    // the 300k-event bench that doubled the time spent in GC.
    await projection.projectWhole(page, undefined, afterLiveFeed(live), index === pages.length - 1);
    for (const head of page) events += head.revision + 1;
    await yieldToEventLoop();
  }
  await projection.projectWhole([], heads.position, afterLiveFeed(live));
  await storage.indexSet(set);
  for (;;) {
    const page = await projection.nextPage(options.pageSize);
    events += page.events;
    if (page.isEnd || page.events === 0) break;
    await yieldToEventLoop();
  }
  return { projection, events };
}

/** Where the live feed of a partner ends: its last live evaluation, or before the earliest fact the live model has not seen. */
function afterLiveFeed(live: SetRows): ChangesAfterOf {
  return async (partnerIds) => {
    const storedOf = await live.storedOf(partnerIds);
    return (partnerId: string, state: PartnerState): number | undefined => afterStored(storedOf.get(partnerId), state);
  };
}

function afterStored(stored: StoredPartner | undefined, state: PartnerState): number | undefined {
  if (!stored) return undefined;
  let after = stored.evaluatedAt;
  for (const { revision, at } of state.messages.values()) {
    if (revision > stored.revision) after = Math.min(after, at - 1);
  }
  return after;
}

/**
 * Lets queued I/O (HTTP requests on the live model) run between pages: the SQLite store answers
 * synchronously, so a rebuild would otherwise be one long chain of microtasks.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
