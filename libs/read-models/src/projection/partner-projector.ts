import { TIER_RISK_NOTICE_DEFAULT_DAYS } from '@partner-program/domain';
import { FencedOutError, Mutex, pause, systemClock, waitForAppendAfter } from '@partner-program/event-store';
import { type TableSet, otherSet } from '../schema/table-sets';
import type { ReadModelStorage } from '../storage/read-model-storage';
import { PartnerStates } from './partner-states';
import { buildFreshSet, yieldToEventLoop } from './rebuild';
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
  private readonly storage: ReadModelStorage;
  private readonly mutex = new Mutex();
  private readonly pageSize: number;
  /** The live set's projection, loaded from the database on first use and again by `run`. */
  private live: Promise<SetProjection> | undefined;
  private cachedStates = () => 0;
  private rebuilding: Promise<{ events: number; ms: number }> | undefined;
  private readonly counters = { eventsProcessed: 0, pages: 0, lastPageMs: 0, partnersRefreshed: 0, errors: 0, rebuilds: 0 };

  constructor(private readonly options: PartnerProjectorOptions) {
    const { store, catalog, fence } = options;
    this.storage = options.db.storage;
    this.deps = {
      store,
      catalog,
      tierRiskNoticeDays: options.tierRiskNoticeDays ?? TIER_RISK_NOTICE_DEFAULT_DAYS,
      clock: options.clock ?? systemClock,
      fence: fence === undefined ? () => undefined : () => fence() ?? notLeading(),
    };
    this.pageSize = options.pageSize ?? 500;
  }

  /** Last position whose effects are in the live read models. */
  async checkpoint(): Promise<bigint> {
    return (await this.liveProjection()).position;
  }

  get stats(): ProjectorStats {
    return { ...this.counters, cachedStates: this.cachedStates(), rebuilding: this.rebuilding !== undefined };
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
        const live = await this.liveProjection();
        const ids = (await live.rows.dueAt(at, this.pageSize)).filter((id) => !seen.has(id));
        ids.forEach((id) => seen.add(id));
        refreshed += ids.length === 0 ? 0 : await live.refresh(ids, at);
        return ids.length;
      });
      if (due === 0) break;
    }
    this.counters.partnersRefreshed += refreshed;
    return refreshed;
  }

  /**
   * Catches up, then waits for the next append (woken by the store where it can, `idleMs` at most),
   * until `signal` aborts; returns once the page in hand is committed. An empty model is first
   * built by `rebuild`, which is linear where page-by-page catch-up re-evaluates a partner on every
   * page that touches it.
   *
   * It starts from what the database holds (active set, checkpoint) with an empty cache: a
   * projector elected after another one led continues where that one stopped. Fenced out (a
   * newer leader wrote), it stops by rethrowing `FencedOutError`: the caller re-elects.
   */
  async run(signal: AbortSignal, idleMs = 50): Promise<void> {
    let started = false;
    while (!signal.aborted) {
      try {
        if (!started) {
          await this.mutex.run(async () => void (await (this.live = this.loading(new StateCache(this.options.cache)))));
          if ((await this.checkpoint()) === 0n) await this.rebuild();
        }
        started = true;
        if ((await this.catchUp(signal)) === 0) await waitForAppendAfter(this.deps.store, await this.checkpoint(), idleMs, signal);
      } catch (error) {
        if (error instanceof FencedOutError) throw error;
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
    const live = await this.liveProjection();
    const set = otherSet(live.rows.set);
    // Both caches would be full at the peak otherwise; the live one refills with what it touches.
    live.states.cache.clear();
    // The rebuild keeps no state but its last page's (see buildFreshSet), so its cache can have
    // the live bounds from the start and become the live loop's cache at the swap.
    const options = { pageSize: this.pageSize, pageEvents: this.pageSize * 100, cache: this.options.cache ?? {} };
    const fresh = await buildFreshSet(this.deps, this.storage, set, live.rows, options);
    let events = fresh.events;
    await this.mutex.run(async () => {
      // The live loop waits here: the last pages and the swap happen with nothing in between.
      for (let page = await fresh.projection.nextPage(this.pageSize); page.events > 0; page = await fresh.projection.nextPage(this.pageSize)) {
        events += page.events;
      }
      await this.storage.swapIn(set, this.deps.fence());
      const old = (await this.liveProjection()).rows.set;
      // The rebuild's states are exactly at the new checkpoint; the old cache goes with the old set.
      this.setLive(fresh.projection.withRows(this.storage.setRows(set, 'live')));
      await this.storage.dropSet(old);
    });
    this.counters.rebuilds += 1;
    return { events, ms: performance.now() - started };
  }

  private async timedPage(): Promise<{ events: number; isEnd: boolean }> {
    const started = performance.now();
    const page = await (await this.liveProjection()).nextPage(this.pageSize);
    if (page.events > 0) {
      this.counters.pages += 1;
      this.counters.eventsProcessed += page.events;
      this.counters.lastPageMs = performance.now() - started;
    }
    return page;
  }

  private liveProjection(): Promise<SetProjection> {
    this.live ??= this.loading(new StateCache(this.options.cache));
    return this.live;
  }

  /** `load`, forgotten when it fails (the database was unreachable), so the next use tries again. */
  private loading(cache: StateCache): Promise<SetProjection> {
    const loading = this.load(cache);
    loading.catch(() => {
      if (this.live === loading) this.live = undefined;
    });
    return loading;
  }

  /** The projection of the set the database says is active, from its checkpoint. */
  private async load(cache: StateCache): Promise<SetProjection> {
    const set: TableSet = await this.storage.activeSet();
    const projection = await SetProjection.open(this.deps, this.storage.setRows(set, 'live'), new PartnerStates(this.deps.store, cache));
    this.cachedStates = () => projection.states.cache.size;
    return projection;
  }

  private setLive(projection: SetProjection): void {
    this.live = Promise.resolve(projection);
    this.cachedStates = () => projection.states.cache.size;
  }
}

function notLeading(): never {
  throw new FencedOutError('checkpoint partner', undefined);
}
