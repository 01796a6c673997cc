import { type TableSet, activeSet, dropSet, otherSet } from '../schema/read-model-schema';
import { Mutex, pause, systemClock, waitForAppendAfter } from '@partner-program/event-store';
import { PartnerRowsWriter } from './partner-rows-writer';
import { PartnerStates } from './partner-states';
import { buildFreshSet, swapIn, yieldToEventLoop } from './rebuild';
import type { PartnerProjectorOptions, ProjectorStats } from './projector-options';
import { type ProjectionDeps, SetProjection } from './set-projection';
import { StateCache } from './state-cache';

export type { PartnerProjectorOptions, ProjectorStats } from './projector-options';

/**
 * Projects the event log into the partner read models (status, area tiers, badges, renewal
 * notices, tier-change feed), one transaction per page with its checkpoint. Framework-free: the
 * app runs `run` in the background, calls `refreshDue` on a schedule and `rebuild` on demand.
 */
export class PartnerProjector {
  private readonly deps: ProjectionDeps;
  private readonly mutex = new Mutex();
  private readonly pageSize: number;
  private live: SetProjection;
  private rebuilding: Promise<{ events: number; ms: number }> | undefined;
  private readonly counters = { eventsProcessed: 0, pages: 0, lastPageMs: 0, partnersRefreshed: 0, errors: 0, rebuilds: 0 };

  constructor(private readonly options: PartnerProjectorOptions) {
    const { store, catalog, db } = options;
    this.deps = { store, catalog, db: db.db, clock: options.clock ?? systemClock };
    this.pageSize = options.pageSize ?? 500;
    this.live = this.projectionOf(activeSet(db.db), new StateCache(options.cache));
  }

  /** Last position whose effects are in the live read models. */
  checkpoint(): bigint {
    return this.live.position;
  }

  get stats(): ProjectorStats {
    return { ...this.counters, cachedStates: this.live.states.cache.size, rebuilding: this.rebuilding !== undefined };
  }

  /** Projects pages until the end of the log (or until `signal` aborts, after the page in hand); returns the events read. */
  async catchUp(signal?: AbortSignal): Promise<number> {
    let total = 0;
    for (;;) {
      const page = await this.mutex.run(() => this.timedPage());
      total += page.events;
      if (page.isEnd || page.events === 0 || signal?.aborted) return total;
      // The SQLite store answers synchronously, so without this the whole catch-up would run as
      // one chain of microtasks and starve HTTP requests until the projector reached the head.
      await yieldToEventLoop();
    }
  }

  /**
   * Re-evaluates every partner whose next time-driven change (a deal leaving the window, an
   * expiry, a ruleset or agreement taking effect) is at or before `now`; returns how many.
   */
  async refreshDue(now: Date = this.deps.clock()): Promise<number> {
    const at = now.getTime();
    const seen = new Set<string>();
    let refreshed = 0;
    for (;;) {
      const due = await this.mutex.run(async () => {
        const ids = this.live.writer.dueAt(at, this.pageSize).filter((id) => !seen.has(id));
        ids.forEach((id) => seen.add(id));
        refreshed += ids.length === 0 ? 0 : await this.live.refresh(ids, at);
        return ids.length;
      });
      if (due === 0) break;
    }
    this.counters.partnersRefreshed += refreshed;
    return refreshed;
  }

  /**
   * Catches up, then waits for the next append (woken by the store where it can, `idleMs` at most),
   * until `signal` aborts; returns once the page in hand is committed. An empty model is first built by `rebuild`, which is linear where page-by-page
   * catch-up re-evaluates a partner on every page that touches it.
   */
  async run(signal: AbortSignal, idleMs = 50): Promise<void> {
    let started = false;
    while (!signal.aborted) {
      try {
        if (!started && this.live.position === 0n) await this.rebuild();
        started = true;
        if ((await this.catchUp(signal)) === 0) await waitForAppendAfter(this.deps.store, this.live.position, idleMs, signal);
      } catch (error) {
        this.counters.errors += 1;
        this.options.onError?.(error);
        await pause(Math.max(idleMs, 1000), signal);
      }
    }
  }

  /**
   * Rebuilds every read model from the whole log into a fresh table set while the live set keeps
   * serving, then swaps it in between two live pages. Concurrent calls share one rebuild.
   */
  rebuild(): Promise<{ events: number; ms: number }> {
    this.rebuilding ??= this.rebuildOnce().finally(() => (this.rebuilding = undefined));
    return this.rebuilding;
  }

  private async rebuildOnce(): Promise<{ events: number; ms: number }> {
    const started = performance.now();
    const set = otherSet(this.live.writer.set);
    // Both caches would be full at the peak otherwise; the live one refills with what it touches.
    this.live.states.cache.clear();
    // The rebuild keeps no state but its last page's (see buildFreshSet), so its cache can have
    // the live bounds from the start and become the live loop's cache at the swap.
    const options = { pageSize: this.pageSize, pageEvents: this.pageSize * 100, cache: this.options.cache ?? {} };
    const fresh = await buildFreshSet(this.deps, set, this.live.writer, options);
    let events = fresh.events;
    await this.mutex.run(async () => {
      // The live loop waits here: the last pages and the swap happen with nothing in between.
      for (let page = await fresh.projection.nextPage(this.pageSize); page.events > 0; page = await fresh.projection.nextPage(this.pageSize)) {
        events += page.events;
      }
      swapIn(this.deps, set);
      const old = this.live.writer.set;
      // The rebuild's states are exactly at the new checkpoint; the old cache goes with the old set.
      this.live = this.projectionOf(set, fresh.projection.states.cache);
      dropSet(this.deps.db, old);
    });
    this.counters.rebuilds += 1;
    return { events, ms: performance.now() - started };
  }

  private async timedPage(): Promise<{ events: number; isEnd: boolean }> {
    const started = performance.now();
    const page = await this.live.nextPage(this.pageSize);
    if (page.events > 0) {
      this.counters.pages += 1;
      this.counters.eventsProcessed += page.events;
      this.counters.lastPageMs = performance.now() - started;
    }
    return page;
  }

  private projectionOf(set: TableSet, cache: StateCache): SetProjection {
    return new SetProjection(this.deps, new PartnerRowsWriter(this.deps.db, set, 'tier_changes'), new PartnerStates(this.deps.store, cache));
  }
}
