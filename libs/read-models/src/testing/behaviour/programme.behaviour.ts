import { competency, goodStanding, msc, signed } from '@partner-program/domain/testing';
import { InvalidQueryError } from '../../queries/query-params';
import { booked, vmcPartner } from '../facts';
import { type ReadModelFixture, type TestReadModels, readModelFixture } from '../read-model-fixture';
import type { OpenReadModels } from './queries.behaviour';

/** The programme-wide counts (summary, tier history, close to the next tier), over projected rows. */
export function programmeBehaviour(open: OpenReadModels): void {
  describe('ReadModelQueries: the programme', () => {
    let f: ReadModelFixture<TestReadModels>;
    beforeAll(async () => {
      f = readModelFixture({ now: '2021-06-01T00:00:00Z', database: await open() });
      // In vmc-on-aws from 2021-01-01 (partner tier), credits booked 2021-02-01.
      await f.record('P-01', ...vmcPartner('2021-01-01'), booked('2021-02-01', 'D-1', 'vmc-on-aws', 60_000)); // advanced
      await f.record('P-02', ...vmcPartner('2021-01-01', '2021-06-20'), booked('2021-02-01', 'D-2', 'vmc-on-aws', 46_000)); // partner, ends in 19 days
      await f.record('P-03', ...vmcPartner('2021-01-01', '2021-07-15'), booked('2021-02-01', 'D-3', 'vmc-on-aws', 10)); // partner, ends in 44 days
      // Advanced without the MSC: principal misses the MSC and 50,000 credits (5 % of 1,000,000).
      await f.record('P-04', ...goodStanding('2021-01-01'), competency('2021-01-01', 'vmc-on-aws'), booked('2021-02-01', 'D-4', 'vmc-on-aws', 950_000));
      // An agreement only: not in good standing, no tier anywhere.
      await f.record('P-05', signed('2021-01-01', 'A-5', '2021-01-01', '2022-01-31'));
      // The MSC but no competency: partner misses the competency only.
      await f.record('P-06', ...goodStanding('2021-01-01'), msc('2021-01-01', 'vmc-on-aws'));
      await f.projector.catchUp();
    });
    afterAll(() => f.close());

    it('counts partners per area and tier, badges, standing by unmet requirement, expiring agreements and notices', async () => {
      const counts = await f.queries.programmeCounts({ today: '2021-06-01' });
      expect(counts.position).toBe(Number(await f.queries.checkpoint()));
      expect(counts.partners).toBe(6);
      expect(counts.areas['vmc-on-aws']).toEqual({ principal: 0, advanced: 2, partner: 2, none: 2, badges: 0 });
      expect(counts.areas['digital-workspace']).toEqual({ principal: 0, advanced: 0, partner: 0, none: 6, badges: 0 });
      expect(Object.keys(counts.areas)).toHaveLength(7);
      const unmet = (await f.queries.partnerStatus('P-05'))!.requirements.filter((r) => !r.met).map((r) => r.id);
      expect(unmet.length).toBeGreaterThan(0);
      expect(counts.goodStanding).toEqual({ yes: 5, no: 1, byUnmetRequirement: Object.fromEntries(unmet.map((id) => [id, 1])) });
      expect(counts.agreementsExpiring).toEqual({ in30Days: 1, in60Days: 2, in90Days: 2 });
      const notices = (await f.queries.renewalNotices({ limit: 100 })).items;
      expect(counts.notices).toEqual({ pending: notices.length, issued: 0, acknowledged: 0, cancelled: 0 });
    });

    it('counts issued and acknowledged notices by status once they are recorded', async () => {
      const sub = readModelFixture({ now: '2021-06-10T00:00:00Z', database: await open() });
      try {
        await sub.record('P-1', ...vmcPartner('2021-01-01', '2021-06-20'));
        await sub.issueDue('P-1');
        await sub.projector.catchUp();
        const issued = (await sub.queries.renewalNotices({ status: 'issued', limit: 1 })).items[0]!;
        expect((await sub.queries.programmeCounts({ today: '2021-06-10' })).notices).toEqual({ pending: 0, issued: 1, acknowledged: 0, cancelled: 0 });
        await sub.acknowledge('P-1', issued.noticeId);
        await sub.projector.catchUp();
        expect((await sub.queries.programmeCounts({ today: '2021-06-10' })).notices).toMatchObject({ issued: 0, acknowledged: 1 });
      } finally {
        await sub.close();
      }
    });

    it('gives the tiers of an area at the end of each day and each 7th day, from the tier-change feed', async () => {
      const days = await f.queries.tierHistory({ area: 'vmc-on-aws', from: '2020-12-31', to: '2021-02-02', interval: 'day' });
      expect(days.points).toHaveLength(34);
      const at = (date: string) => days.points.find((point) => point.date === date);
      expect(at('2020-12-31')).toEqual({ date: '2020-12-31', partner: 0, advanced: 0, principal: 0, none: 0 });
      expect(at('2021-01-01')).toEqual({ date: '2021-01-01', partner: 4, advanced: 0, principal: 0, none: 0 });
      expect(at('2021-01-31')).toEqual({ date: '2021-01-31', partner: 4, advanced: 0, principal: 0, none: 0 });
      expect(at('2021-02-02')).toEqual({ date: '2021-02-02', partner: 2, advanced: 2, principal: 0, none: 0 });
      const weeks = await f.queries.tierHistory({ area: 'vmc-on-aws', from: '2021-01-25', to: '2021-02-10', interval: 'week' });
      expect(weeks).toEqual({
        area: 'vmc-on-aws',
        interval: 'week',
        from: '2021-01-25',
        to: '2021-02-10',
        points: [
          { date: '2021-01-25', partner: 4, advanced: 0, principal: 0, none: 0 },
          { date: '2021-02-01', partner: 2, advanced: 2, principal: 0, none: 0 },
          { date: '2021-02-08', partner: 2, advanced: 2, principal: 0, none: 0 },
        ],
      });
    });

    it('reaches the last date there is (9999-12-31) without going past it', async () => {
      const last = await f.queries.tierHistory({ area: 'vmc-on-aws', from: '9999-12-20', to: '9999-12-31', interval: 'week' });
      expect(last.points).toEqual([
        { date: '9999-12-20', partner: 2, advanced: 2, principal: 0, none: 0 },
        { date: '9999-12-27', partner: 2, advanced: 2, principal: 0, none: 0 },
      ]);
    });

    it('counts a partner that lost its tier as none from that day on', async () => {
      const sub = readModelFixture({ now: '2021-06-01T00:00:00Z', database: await open() });
      try {
        await sub.record('P-1', ...vmcPartner('2021-01-01', '2021-06-20'));
        await sub.projector.catchUp();
        sub.setNow('2021-07-01T00:00:00Z');
        await sub.projector.refreshDue();
        const history = await sub.queries.tierHistory({ area: 'vmc-on-aws', from: '2021-06-19', to: '2021-06-22', interval: 'day' });
        const lost = (await sub.queries.tierChanges({ afterSequence: 0, limit: 10 })).find((change) => change.to === null)!;
        const lostOn = lost.at.slice(0, 10);
        for (const point of history.points) {
          expect(point).toEqual(
            point.date < lostOn
              ? { date: point.date, partner: 1, advanced: 0, principal: 0, none: 0 }
              : { date: point.date, partner: 0, advanced: 0, principal: 0, none: 1 },
          );
        }
      } finally {
        await sub.close();
      }
    });

    it('lists partners one item away from their next tier, or within a share of its credits, by area and partnerId, paged', async () => {
      const vmc = await f.queries.closeToNextTier({ area: 'vmc-on-aws', share: 0.1, limit: 100 });
      expect(vmc.nextCursor).toBeNull();
      expect(vmc.items.map((item) => item.partnerId)).toEqual(['P-01', 'P-02', 'P-03', 'P-04', 'P-06']);
      expect(vmc.items.find((item) => item.partnerId === 'P-04')).toEqual({
        partnerId: 'P-04',
        area: 'vmc-on-aws',
        tier: 'advanced',
        nextTier: 'principal',
        missing: ['msc:vmc-on-aws', 'credits:950000/1000000'],
        credits: 950_000,
        creditsNeeded: 50_000,
      });
      expect(vmc.items.find((item) => item.partnerId === 'P-02')).toMatchObject({
        tier: 'partner',
        nextTier: 'advanced',
        credits: 46_000,
        creditsNeeded: 4_000,
      });
      expect(vmc.items.find((item) => item.partnerId === 'P-06')).toMatchObject({
        tier: null,
        nextTier: 'partner',
        missing: ['competency:vmc-on-aws'],
        creditsNeeded: 0,
      });
      // 50,000 of 1,000,000 is 5 %: outside a 1 % share, and P-04 misses two things.
      const narrow = await f.queries.closeToNextTier({ area: 'vmc-on-aws', share: 0.01, limit: 100 });
      expect(narrow.items.map((item) => item.partnerId)).toEqual(['P-01', 'P-02', 'P-03', 'P-06']);
      const paged = [];
      for (let cursor: string | undefined, page; (page = await f.queries.closeToNextTier({ share: 0.1, limit: 7, cursor })); cursor = page.nextCursor) {
        paged.push(...page.items);
        if (!page.nextCursor) break;
      }
      const keys = paged.map((item) => `${item.area} ${item.partnerId}`);
      expect(keys).toEqual([...keys].sort());
      expect(paged.filter((item) => item.area === 'vmc-on-aws')).toEqual(vmc.items);
      expect(paged.some((item) => item.partnerId === 'P-05')).toBe(false);
    });

    it('refuses bad parameters with InvalidQueryError', async () => {
      const bad = [
        () => f.queries.programmeCounts({ today: '2021-13-01' }),
        () => f.queries.tierHistory({ area: 'nowhere', from: '2021-01-01', to: '2021-01-02', interval: 'day' }),
        () => f.queries.tierHistory({ area: 'vmc-on-aws', from: '2021-01-02', to: '2021-01-01', interval: 'day' }),
        () => f.queries.tierHistory({ area: 'vmc-on-aws', from: '2021-01-01', to: '2022-02-05', interval: 'day' }),
        () => f.queries.tierHistory({ area: 'vmc-on-aws', from: '2021-01-01', to: '2021-01-02', interval: 'month' }),
        () => f.queries.closeToNextTier({ share: 0, limit: 1 }),
        () => f.queries.closeToNextTier({ share: 1.5, limit: 1 }),
        () => f.queries.closeToNextTier({ area: 'nowhere', share: 0.1, limit: 1 }),
        () => f.queries.closeToNextTier({ share: 0.1, cursor: 'nope', limit: 1 }),
      ];
      for (const query of bad) await expect(query()).rejects.toThrow(InvalidQueryError);
      await expect(f.queries.tierHistory({ area: 'vmc-on-aws', from: '2021-01-01', to: '2022-02-05', interval: 'day' })).rejects.toThrow(
        /401 points; at most 400/,
      );
      expect((await f.queries.tierHistory({ area: 'vmc-on-aws', from: '2021-01-01', to: '2022-02-04', interval: 'day' })).points).toHaveLength(400);
    });
  });
}
