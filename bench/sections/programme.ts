import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AREAS, DEFAULT_CATALOG, addDays } from '@partner-program/domain';
import { type EventStore, SqliteEventStore } from '@partner-program/event-store';
import { PartnerProjector } from '@partner-program/read-models';
import { programme } from '../../scripts/programme-generator';
import { type BenchOptions, median } from '../support';
import { loadStore } from './projection-rebuild';
import type { Target } from './read-models';

// The programme routes' queries over the whole generated programme (every partner, rebuilt into
// an empty read-model database): the summary's counts, a 400-point tier history per area, and the
// first page of partners close to their next tier. Milliseconds per query, median of the calls.

/** The generated programme's last day: its history ends there. */
const PROGRAMME_END = '2026-11-01';

export type ProgrammeQueryCost = { partners: number; countsMs: number; historyMs: number; closeMs: number };

/** A SQLite log of the whole generated programme; `dispose` removes it. */
export async function programmeLog(o: BenchOptions): Promise<{ store: EventStore; partners: number; events: number; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-programme-'));
  const events = await loadStore(dir, programme({ partners: o.partners, dealsPerPartner: o.dealsPerPartner, prefix: 'PG' }));
  const store = SqliteEventStore.open({ location: dir });
  return { store, partners: o.partners, events, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Rebuilds the log into `open()`'s database, then times each query `calls` times. */
export async function programmeQueryCost(store: EventStore, open: () => Promise<Target>, calls: number): Promise<ProgrammeQueryCost> {
  const target = await open();
  try {
    await new PartnerProjector({ store, db: target.db, catalog: DEFAULT_CATALOG }).rebuild();
    const queries = target.db.queries();
    const counts = await timed(calls, () => queries.programmeCounts({ today: PROGRAMME_END }));
    const from = addDays(PROGRAMME_END, -399);
    const history = await timed(calls, () => Promise.all(AREAS.map((area) => queries.tierHistory({ area, from, to: PROGRAMME_END, interval: 'day' }))));
    const close = await timed(calls, () => queries.closeToNextTier({ share: 0.1, limit: 100 }));
    return {
      partners: (await queries.programmeCounts({ today: PROGRAMME_END })).partners,
      countsMs: counts,
      historyMs: history / AREAS.length,
      closeMs: close,
    };
  } finally {
    await target.dispose();
  }
}

/** Median milliseconds of `calls` calls, after one untimed call (statements prepared, pages cached). */
async function timed(calls: number, query: () => Promise<unknown>): Promise<number> {
  await query();
  const times: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const started = performance.now();
    await query();
    times.push(performance.now() - started);
  }
  return median(times);
}
