import { PARTNER_CONNECT_FY21, catalogWith } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { booked, competency, renewed, reversed, vmcPartner } from '../testing/facts';
import { GatedStore } from '../testing/gated-store';
import { type ReadModelFixture, readModelFixture } from '../testing/read-model-fixture';
import { snapshot } from '../testing/snapshot';

// Rebuild: a fresh model from the whole log, swapped in whole while readers keep reading.

const PARTNERS = ['P-1', 'P-2', 'P-3', 'P-4'];

async function history(f: ReadModelFixture): Promise<void> {
  await f.record('P-1', ...vmcPartner('2020-03-01'), booked('2020-04-01', 'D-1', 'vmc-on-aws', 60_000));
  await f.record('P-2', ...vmcPartner('2021-01-01'), booked('2021-02-01', 'D-2', 'vmc-on-aws', 1_500_000));
  await f.record('P-3', ...vmcPartner('2021-01-01', '2021-07-01'), competency('2021-02-01', 'pks'));
  await f.record('P-1', booked('2021-03-01', 'D-3', 'vmc-on-aws', 80_000), reversed('2021-03-15', 'D-3'));
  await f.record('P-2', renewed('2021-04-01', 'A-1', '2031-06-30'));
  await f.record('P-4', competency('2021-04-01', 'hci'));
}

describe('PartnerProjector.rebuild', () => {
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

  it('leaves the live loop a cache of its own bounds, not the rebuild\'s page-sized one', async () => {
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

  it('answers exactly as the live model did, and adds nothing to the tier-change feed', async () => {
    const live = await snapshot(f.queries, PARTNERS);
    const feed = (await f.queries.tierChanges({ afterSequence: 0, limit: 1000 }));
    const result = await f.projector.rebuild();
    expect(result).toEqual({ events: Number(live.checkpoint), ms: expect.any(Number) });
    expect(await snapshot(f.queries, PARTNERS)).toEqual(live);
    expect((await f.queries.tierChanges({ afterSequence: 0, limit: 1000 }))).toEqual(feed);
    expect((await f.projector.checkpoint())).toBe(live.checkpoint);
  });

  it('gives the same answers when its cache holds a single partner (the live loop folds the others again)', async () => {
    const live = await snapshot(f.queries, PARTNERS);
    await f.projectorWith({ cache: { maxPartners: 1 } }).rebuild();
    expect(await snapshot(f.queries, PARTNERS)).toEqual(live);
  });

  it("reads each partner's stream once, the log only after its head, and hands over at most a page of states", async () => {
    const head = (await f.projector.checkpoint());
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
        .prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ? ESCAPE '\\' AND sql IS NOT NULL ORDER BY name")
        .all(`${set}\\_%`)
        .map((row) => row.name.slice(2));
    const first = indexesOf('a');
    expect(first).toHaveLength(6);
    await f.projector.rebuild();
    expect(indexesOf('b')).toEqual(first);
  });

  it('adds to the feed only what happened since the live evaluation: here time-driven changes not refreshed yet', async () => {
    const feed = (await f.queries.tierChanges({ afterSequence: 0, limit: 1000 }));
    f.setNow('2022-03-01T00:00:00Z');
    await f.projector.rebuild();
    const added = (await f.queries.tierChanges({ afterSequence: feed.at(-1)!.sequence, limit: 1000 }));
    const expired = [{ kind: 'expired', what: 'agreement:A-1' }];
    expect(added.map(({ partnerId, area, from, to, at, causes }) => ({ partnerId, area, from, to, at, causes }))).toEqual([
      { partnerId: 'P-3', area: 'vmc-on-aws', from: 'partner', to: null, at: '2021-07-02T00:00:00.000Z', causes: expired },
      { partnerId: 'P-3', area: 'modern-applications', from: 'partner', to: null, at: '2021-07-02T00:00:00.000Z', causes: expired },
      { partnerId: 'P-2', area: 'vmc-on-aws', from: 'principal', to: 'partner', at: '2022-02-01T00:00:00.000Z', causes: [{ kind: 'deal-left-window', dealId: 'D-2' }] },
    ]);
    expect((await f.queries.partnerStatus('P-2'))).toMatchObject({ evaluatedAt: '2022-03-01T00:00:00.000Z', badges: [] });
  });

  it('keeps serving the old complete model until the new one is swapped in', async () => {
    const old = await snapshot(f.queries, PARTNERS);
    // A new ruleset (from 2021-03-01, advanced at 100,000) changes P-1's answer, so old and new differ.
    const fy21b = { ...PARTNER_CONNECT_FY21, id: 'fy21b', effectiveFrom: '2021-03-01', thresholds: { advanced: 100_000, principal: 2_000_000 } };
    const projector = f.projectorWith({ catalog: catalogWith([JSON.parse(JSON.stringify(fy21b))]) });
    // Held when the rebuild catches up after its full pass: every partner is in the fresh tables by then.
    store.hold((read) => read.kind === 'readAll' && read.fromPosition === old.checkpoint);
    const rebuilding = projector.rebuild();
    await store.reached;
    expect(f.database.db.prepare('SELECT count(*) AS n FROM b_partner_status').get()).toEqual({ n: 4 });
    // …yet readers still see the old model, all of it.
    expect(await snapshot(f.queries, PARTNERS)).toEqual(old);
    expect(projector.stats.rebuilding).toBe(true);
    store.open();
    await rebuilding;
    const rebuilt = (await f.queries.partnerStatus('P-1'))!;
    expect(rebuilt).toMatchObject({ ruleset: 'fy21b' });
    expect(rebuilt.areas['vmc-on-aws'].tier).toBe('partner');
    expect((await f.queries.badges())).toEqual([]);
  });

  it('takes in events appended while it runs, and lets the live loop go on afterwards', async () => {
    const head = (await f.projector.checkpoint());
    store.hold((read) => read.kind === 'readAll' && read.fromPosition === head);
    const rebuilding = f.projector.rebuild();
    await store.reached;
    await f.record('P-5', ...vmcPartner('2021-05-01'));
    // The live set follows the log meanwhile.
    await f.projector.catchUp();
    expect((await f.queries.partnerStatus('P-5'))!.areas['vmc-on-aws'].tier).toBe('partner');
    store.open();
    await rebuilding;
    const end = (await store.readAll({ fromPosition: 0n, maxCount: 1000 })).nextPosition;
    expect(end).toBeGreaterThan(head);
    expect((await f.queries.checkpoint())).toBe(end);
    expect((await f.queries.partnerStatus('P-5'))!.areas['vmc-on-aws'].tier).toBe('partner');
    await f.record('P-5', booked('2021-05-20', 'D-5', 'vmc-on-aws', 50_000));
    expect(await f.projector.catchUp()).toBe(1);
    expect((await f.queries.partnerStatus('P-5'))!.areas['vmc-on-aws'].tier).toBe('advanced');
    expect(f.database.db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'a\\_%' ESCAPE '\\'").all()).toEqual([]);
  });
});
