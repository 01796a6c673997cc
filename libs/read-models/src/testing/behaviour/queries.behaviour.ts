import { InvalidQueryError } from '../../queries/query-params';
import { booked, signed, vmcPartner } from '../facts';
import { type ReadModelFixture, type TestReadModels, readModelFixture } from '../read-model-fixture';

/** Opens an empty read-model database for one test (SQLite in memory, a fresh PostgreSQL schema…). */
export type OpenReadModels = () => Promise<TestReadModels>;

/** Filters, cursors and parameter checks of the queries, over projected rows. */
export function queriesBehaviour(open: OpenReadModels): void {
  describe('ReadModelQueries', () => {
    let f: ReadModelFixture<TestReadModels>;
    beforeAll(async () => {
      f = readModelFixture({ now: '2021-06-01T00:00:00Z', database: await open() });
      // P-01 … P-07: advanced in vmc-on-aws for the odd ones, partner for the even ones.
      for (let i = 1; i <= 7; i += 1) {
        const credits = i % 2 === 1 ? 60_000 : 10;
        await f.record(`P-0${i}`, ...vmcPartner('2021-01-01', `2021-0${6 + (i % 3)}-2${i}`), booked('2021-02-01', `D-${i}`, 'vmc-on-aws', credits));
      }
      await f.record('P-08', signed('2021-01-01', 'A-8', '2021-01-01', '2022-01-31'));
      await f.projector.catchUp();
    });
    afterAll(() => f.close());

    it('pages partners of an area and tier by partnerId with an opaque cursor', async () => {
      const first = await f.queries.partners({ area: 'vmc-on-aws', tier: 'advanced', limit: 3 });
      expect(first.items.map((item) => item.partnerId)).toEqual(['P-01', 'P-03', 'P-05']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await f.queries.partners({ area: 'vmc-on-aws', tier: 'advanced', cursor: first.nextCursor!, limit: 3 });
      expect(second).toEqual({ items: [expect.objectContaining({ partnerId: 'P-07', credits: 60_000 })], nextCursor: null });
    });

    it("filters 'none' as no tier, and lists every partner of the area without a tier filter", async () => {
      expect((await f.queries.partners({ area: 'vmc-on-aws', tier: 'none', limit: 10 })).items).toEqual([
        { partnerId: 'P-08', area: 'vmc-on-aws', tier: null, badge: false, credits: 0 },
      ]);
      expect((await f.queries.partners({ area: 'vmc-on-aws', limit: 100 })).items).toHaveLength(8);
      expect((await f.queries.partners({ area: 'digital-workspace', tier: 'partner', limit: 1 })).items).toEqual([]);
    });

    it('lists notices by due date, filtered by status and due on or before dueBefore, paged', async () => {
      const all = (await f.queries.renewalNotices({ limit: 100 })).items;
      expect(all.map((n) => n.dueOn)).toEqual([...all.map((n) => n.dueOn)].sort());
      const dueOn = all[2]!.dueOn;
      const before = (await f.queries.renewalNotices({ status: 'pending', dueBefore: dueOn, limit: 100 })).items;
      expect(before.length).toBeGreaterThan(0);
      expect(before.every((n) => n.dueOn <= dueOn && n.status === 'pending')).toBe(true);
      expect(before.some((n) => n.dueOn === dueOn)).toBe(all.some((n) => n.dueOn === dueOn && n.status === 'pending'));
      const paged = [];
      for (let cursor: string | undefined, page; (page = await f.queries.renewalNotices({ cursor, limit: 3 })); cursor = page.nextCursor) {
        paged.push(...page.items);
        if (!page.nextCursor) break;
      }
      expect(paged).toEqual(all);
      expect(await f.queries.renewalNotices({ status: 'issued', limit: 10 })).toEqual({ items: [], nextCursor: null });
    });

    it('finds due notices and a notice by id', async () => {
      const due = await f.queries.dueNotices('2021-05-01', 100);
      expect(due.length).toBeGreaterThan(0);
      expect(due.every((notice) => notice.dueOn <= '2021-05-01' && notice.status === 'pending')).toBe(true);
      expect(await f.queries.noticeById(due[0]!.noticeId)).toEqual(due[0]);
      expect(await f.queries.noticeById('rn-missing')).toBeUndefined();
    });

    it('reads the tier-change feed after a sequence', async () => {
      const feed = await f.queries.tierChanges({ afterSequence: 0, limit: 100 });
      expect(feed.length).toBe(7 + 4);
      const rest = await f.queries.tierChanges({ afterSequence: feed[4]!.sequence, limit: 100 });
      expect(rest).toEqual(feed.slice(5));
      expect(feed[0]).toMatchObject({ partnerId: 'P-01', from: null, to: 'partner', position: expect.any(Number), causes: expect.any(Array) });
    });

    it("lists every partner's forecast by time, filtered by area and direction, paged", async () => {
      const [after, until] = [Date.parse('2021-06-01T00:00:00Z'), Date.parse('2022-06-01T00:00:00Z')];
      const all = (await f.queries.forecast({ after, until, limit: 1000 })).items;
      // Each of P-01 … P-07 drops to no tier when its agreement ends, in every area it holds.
      const agreementEnds = all.filter((c) => c.area === 'vmc-on-aws');
      expect(agreementEnds.map((c) => c.partnerId).sort()).toEqual(['P-01', 'P-02', 'P-03', 'P-04', 'P-05', 'P-06', 'P-07']);
      expect(agreementEnds.find((c) => c.partnerId === 'P-01')).toEqual({
        partnerId: 'P-01',
        at: '2021-07-22T00:00:00.000Z',
        area: 'vmc-on-aws',
        from: 'advanced',
        to: null,
        badge: false,
        direction: 'drop',
        ruleset: 'partner-connect-fy21',
        causes: [{ kind: 'expired', what: 'agreement:A-1' }],
        prevention: [expect.objectContaining({ action: 'renew-agreement', before: '2021-07-22T00:00:00.000Z' })],
      });
      const keys = all.map((c) => `${c.at} ${c.partnerId} ${c.area}`);
      expect(keys).toEqual([...keys].sort());
      const paged = [];
      for (let cursor: string | undefined, page; (page = await f.queries.forecast({ after, until, cursor, limit: 2 })); cursor = page.nextCursor) {
        paged.push(...page.items);
        if (!page.nextCursor) break;
      }
      expect(paged).toEqual(all);
      expect((await f.queries.forecast({ after, until, area: 'vmc-on-aws', direction: 'drop', limit: 1000 })).items).toEqual(agreementEnds);
      expect((await f.queries.forecast({ after, until, direction: 'rise', limit: 1000 })).items).toEqual([]);
      // Past changes are left out by `after`, later ones by `until`.
      const first = Date.parse(all[0]!.at);
      expect((await f.queries.forecast({ after: first, until, limit: 1000 })).items).toEqual(all.filter((c) => Date.parse(c.at) > first));
      expect((await f.queries.forecast({ after, until: first, limit: 1000 })).items).toEqual(all.filter((c) => Date.parse(c.at) <= first));
    });

    it('refuses bad parameters with InvalidQueryError', async () => {
      const bad = [
        () => f.queries.partners({ area: 'nowhere', limit: 1 }),
        () => f.queries.partners({ area: 'vmc-on-aws', tier: 'gold', limit: 1 }),
        () => f.queries.partners({ area: 'vmc-on-aws', cursor: 'not-a-cursor', limit: 1 }),
        () => f.queries.partners({ area: 'vmc-on-aws', limit: 0 }),
        () => f.queries.renewalNotices({ status: 'lost', limit: 1 }),
        () => f.queries.renewalNotices({ dueBefore: '2021-02-30', limit: 1 }),
        () => f.queries.badges({ area: 'nowhere' }),
        () => f.queries.forecast({ after: 0, until: 1, direction: 'sideways', limit: 1 }),
        () => f.queries.forecast({ after: 0, until: 1, area: 'nowhere', limit: 1 }),
        () => f.queries.forecast({ after: 0, until: 1, cursor: 'not-a-cursor', limit: 1 }),
      ];
      for (const query of bad) await expect(query()).rejects.toThrow(InvalidQueryError);
    });
  });
}
