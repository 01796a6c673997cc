import { SqliteEventStore } from '@partner-program/event-store';
import { ReadModelDatabase } from '../read-model-database';
import { PARTNERS, history, rebuildBehaviour } from '../testing/behaviour/rebuild.behaviour';
import { competency } from '../testing/facts';
import { GatedStore } from '../testing/gated-store';
import { type ReadModelFixture, readModelFixture } from '../testing/read-model-fixture';
import { snapshot } from '../testing/snapshot';

// Rebuild on SQLite: the shared behaviour, then what only the SQLite layout shows (cache hand-over, reads, indexes).

rebuildBehaviour(
  async () => ReadModelDatabase.open({ location: ':memory:' }),
  async (f, table) => {
    const db = (f.database as ReadModelDatabase).db;
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
    return exists ? (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : undefined;
  },
);

describe('PartnerProjector.rebuild on SQLite', () => {
  let store: GatedStore;
  let f: ReadModelFixture;
  beforeEach(async () => {
    store = new GatedStore(SqliteEventStore.open({ location: ':memory:' }));
    f = readModelFixture({ pageSize: 3, now: '2021-06-01T00:00:00Z', store });
    await history(f);
    await f.issueDue('P-3');
    await f.projector.catchUp();
  });
  afterEach(() => f.close());
  it("leaves the live loop a cache of its own bounds, not the rebuild's page-sized one", async () => {
    await f.projector.rebuild();
    // Six partners, pages of three: each must stay folded in the live cache.
    for (const partnerId of ['P-5', 'P-6', 'P-7', 'P-8', 'P-9', 'P-10']) await f.record(partnerId, competency('2021-05-01', 'hci'));
    await f.projector.catchUp();
    expect(f.projector.stats.cachedStates).toBeGreaterThanOrEqual(6);
    for (const partnerId of ['P-5', 'P-6', 'P-7', 'P-8', 'P-9', 'P-10']) await f.record(partnerId, competency('2021-05-02', 'sd-wan'));
    const before = store.reads.length;
    await f.projector.catchUp();
    expect(store.reads.slice(before).filter((read) => read.kind === 'readStream')).toEqual([]);
  });

  it('gives the same answers when its cache holds a single partner (the live loop folds the others again)', async () => {
    const live = await snapshot(f.queries, PARTNERS);
    await f.projectorWith({ cache: { maxPartners: 1 } }).rebuild();
    expect(await snapshot(f.queries, PARTNERS)).toEqual(live);
  });

  it("reads each partner's stream once, the log only after its head, and hands over at most a page of states", async () => {
    const head = await f.projector.checkpoint();
    store.reads.length = 0;
    const projector = f.projectorWith({ pageSize: 2 });
    await projector.rebuild();
    const streams = store.reads.flatMap((read) => (read.kind === 'readStream' ? [read.streamId] : []));
    expect(streams.sort()).toEqual(PARTNERS.map((id) => `partner-${id}`));
    const logReads = store.reads.flatMap((read) => (read.kind === 'readAll' ? [read.fromPosition] : []));
    expect(logReads.every((from) => from >= head)).toBe(true);
    expect(projector.stats.cachedStates).toBeLessThanOrEqual(2);
  });

  it('gives the rebuilt set every index the first set has (query indexes are built once it is filled)', async () => {
    const indexesOf = (set: string) =>
      f.database.db
        .prepare<[string], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ? ESCAPE '\\' AND sql IS NOT NULL ORDER BY name",
        )
        .all(`${set}\\_%`)
        .map((row) => row.name.slice(2));
    const first = indexesOf('a');
    expect(first).toHaveLength(14);
    await f.projector.rebuild();
    expect(indexesOf('b')).toEqual(first);
  });

  it('adds to the feed only what happened since the live evaluation: here time-driven changes not refreshed yet', async () => {
    const feed = await f.queries.tierChanges({ afterSequence: 0, limit: 1000 });
    f.setNow('2022-03-01T00:00:00Z');
    await f.projector.rebuild();
    const added = await f.queries.tierChanges({ afterSequence: feed.at(-1)!.sequence, limit: 1000 });
    const expired = [{ kind: 'expired', what: 'agreement:A-1' }];
    expect(added.map(({ partnerId, area, from, to, at, causes }) => ({ partnerId, area, from, to, at, causes }))).toEqual([
      { partnerId: 'P-3', area: 'vmc-on-aws', from: 'partner', to: null, at: '2021-07-02T00:00:00.000Z', causes: expired },
      { partnerId: 'P-3', area: 'modern-applications', from: 'partner', to: null, at: '2021-07-02T00:00:00.000Z', causes: expired },
      {
        partnerId: 'P-2',
        area: 'vmc-on-aws',
        from: 'principal',
        to: 'partner',
        at: '2022-02-01T00:00:00.000Z',
        causes: [{ kind: 'deal-left-window', dealId: 'D-2' }],
      },
    ]);
    expect(await f.queries.partnerStatus('P-2')).toMatchObject({ evaluatedAt: '2022-03-01T00:00:00.000Z', badges: [] });
  });
});
