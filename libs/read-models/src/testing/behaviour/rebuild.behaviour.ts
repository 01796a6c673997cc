import { PARTNER_CONNECT_FY21, catalogWith } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { booked, competency, renewed, reversed, vmcPartner } from '../facts';
import { GatedStore } from '../gated-store';
import { type ReadModelFixture, type TestReadModels, readModelFixture } from '../read-model-fixture';
import { snapshot } from '../snapshot';
import type { OpenReadModels } from './queries.behaviour';

export const PARTNERS = ['P-1', 'P-2', 'P-3', 'P-4'];

/** A history with tier changes, a reversal, a renewal, an expiry and an issued notice. */
export async function history(f: ReadModelFixture<TestReadModels>): Promise<void> {
  await f.record('P-1', ...vmcPartner('2020-03-01'), booked('2020-04-01', 'D-1', 'vmc-on-aws', 60_000));
  await f.record('P-2', ...vmcPartner('2021-01-01'), booked('2021-02-01', 'D-2', 'vmc-on-aws', 1_500_000));
  await f.record('P-3', ...vmcPartner('2021-01-01', '2021-07-01'), competency('2021-02-01', 'pks'));
  await f.record('P-1', booked('2021-03-01', 'D-3', 'vmc-on-aws', 80_000), reversed('2021-03-15', 'D-3'));
  await f.record('P-2', renewed('2021-04-01', 'A-1', '2031-06-30'));
  await f.record('P-4', competency('2021-04-01', 'hci'));
}

/**
 * Rebuild: a fresh model from the whole log, swapped in whole while readers keep reading.
 * `rowsIn(f, table)`: the rows of a table of a set (`a_partner_status`…), `undefined` when it does not exist.
 */
export function rebuildBehaviour(open: OpenReadModels, rowsIn: (f: ReadModelFixture<TestReadModels>, table: string) => Promise<number | undefined>): void {
  describe('PartnerProjector.rebuild', () => {
    let store: GatedStore;
    let f: ReadModelFixture<TestReadModels>;
    const rows = (table: string) => rowsIn(f, table);
    beforeEach(async () => {
      store = new GatedStore(SqliteEventStore.open({ location: ':memory:' }));
      f = readModelFixture({ pageSize: 3, now: '2021-06-01T00:00:00Z', store, database: await open() });
      await history(f);
      await f.issueDue('P-3');
      await f.projector.catchUp();
    });
    afterEach(() => f.close());

    it('answers exactly as the live model did, and adds nothing to the tier-change feed', async () => {
      const live = await snapshot(f.queries, PARTNERS);
      const feed = await f.queries.tierChanges({ afterSequence: 0, limit: 1000 });
      const result = await f.projector.rebuild();
      expect(result).toEqual({ events: Number(live.checkpoint), ms: expect.any(Number) });
      expect(await snapshot(f.queries, PARTNERS)).toEqual(live);
      expect(await f.queries.tierChanges({ afterSequence: 0, limit: 1000 })).toEqual(feed);
      expect(await f.projector.checkpoint()).toBe(live.checkpoint);
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
      expect(await rows('b_partner_status')).toBe(4);
      // …yet readers still see the old model, all of it.
      expect(await snapshot(f.queries, PARTNERS)).toEqual(old);
      expect(projector.stats.rebuilding).toBe(true);
      store.open();
      await rebuilding;
      const rebuilt = (await f.queries.partnerStatus('P-1'))!;
      expect(rebuilt).toMatchObject({ ruleset: 'fy21b' });
      expect(rebuilt.areas['vmc-on-aws'].tier).toBe('partner');
      expect(await f.queries.badges()).toEqual([]);
    });

    it('takes in events appended while it runs, and lets the live loop go on afterwards', async () => {
      const head = await f.projector.checkpoint();
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
      expect(await f.queries.checkpoint()).toBe(end);
      expect((await f.queries.partnerStatus('P-5'))!.areas['vmc-on-aws'].tier).toBe('partner');
      await f.record('P-5', booked('2021-05-20', 'D-5', 'vmc-on-aws', 50_000));
      expect(await f.projector.catchUp()).toBe(1);
      expect((await f.queries.partnerStatus('P-5'))!.areas['vmc-on-aws'].tier).toBe('advanced');
      expect(await rows('a_partner_status')).toBeUndefined();
    });
  });
}
