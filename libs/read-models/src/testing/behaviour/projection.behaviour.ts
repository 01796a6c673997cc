import { AREAS } from '@partner-program/domain';
import { booked, competency, renewed, reversed, signed, vmcPartner } from '../facts';
import { type ReadModelFixture, type TestReadModels, readModelFixture } from '../read-model-fixture';
import { snapshot } from '../snapshot';
import type { OpenReadModels } from './queries.behaviour';

/** A small realistic history projected from the real SQLite event store. */
export function projectionBehaviour(open: OpenReadModels): void {
  describe('PartnerProjector: projecting a history', () => {
    let f: ReadModelFixture<TestReadModels>;
    beforeEach(async () => {
      f = readModelFixture({ pageSize: 4, now: '2021-06-01T00:00:00Z', database: await open() });
      await f.record('P-1', ...vmcPartner('2021-01-01', '2021-07-15'), booked('2021-02-01', 'D-1', 'vmc-on-aws', 60_000));
      await f.record('P-2', ...vmcPartner('2021-01-01'), booked('2021-03-01', 'D-2', 'vmc-on-aws', 1_200_000));
      await f.record('P-3', signed('2021-01-01', 'A-9', '2021-01-01', '2022-12-31'), competency('2021-01-01', 'pks'));
      await f.projector.catchUp();
    });
    afterEach(() => f.close());

    it('stores the CONTRACT status of each partner with the position of its last event', async () => {
      const head = (await f.store.readAll({ fromPosition: 0n, maxCount: 1000 })).nextPosition;
      const p1 = (await f.queries.partnerStatus('P-1'))!;
      expect(p1).toMatchObject({ partnerId: 'P-1', evaluatedAt: '2021-06-01T00:00:00.000Z', goodStanding: true, programme: 'partner-connect' });
      expect(p1.areas['vmc-on-aws']).toMatchObject({ tier: 'advanced', credits: 60_000, badge: false });
      expect(p1.agreement).toMatchObject({ agreementId: 'A-1', status: 'active', renewalNotice: { dueOn: '2021-05-16', status: 'pending' } });
      expect((await f.queries.partnerStatus('P-3'))!.position).toBe(Number(head));
      expect(await f.queries.partnerStatus('P-4')).toBeUndefined();
      expect(await f.projector.checkpoint()).toBe(head);
      expect(await f.queries.checkpoint()).toBe(head);
      expect(Object.keys(p1.areas)).toEqual([...AREAS]);
    });

    it("replaces a partner's forecast when a new fact prevents a drop", async () => {
      const [now, later] = [Date.parse('2021-06-01T00:00:00Z'), Date.parse('2023-06-01T00:00:00Z')];
      const drops = async () =>
        (await f.queries.forecast({ after: now, until: later, area: 'vmc-on-aws', direction: 'drop', limit: 100 })).items.map((c) => [c.partnerId, c.at, c.to]);
      expect(await drops()).toEqual([
        ['P-1', '2021-07-16T00:00:00.000Z', null],
        ['P-2', '2022-03-01T00:00:00.000Z', 'partner'],
      ]);
      await f.record('P-1', renewed('2021-06-01', 'A-1', '2031-12-31'));
      await f.projector.catchUp();
      // Renewed, P-1 keeps its tiers past July; what is left is its deal leaving the window.
      expect(await drops()).toEqual([
        ['P-1', '2022-02-01T00:00:00.000Z', 'partner'],
        ['P-2', '2022-03-01T00:00:00.000Z', 'partner'],
      ]);
    });

    it('keeps no rows for a partner whose messages were all refused, and fills them at its first accepted fact', async () => {
      await f.refused('P-REFUSED', reversed('2021-03-01', 'D-NONE'));
      await f.projector.catchUp();
      expect(await f.queries.partnerStatus('P-REFUSED')).toBeUndefined();
      expect((await f.queries.partners({ area: 'vmc-on-aws', tier: 'none', limit: 10 })).items.map((item) => item.partnerId)).toEqual(['P-3']);
      expect((await f.queries.programmeCounts({ today: '2021-06-01' })).partners).toBe(3);
      await f.record('P-REFUSED', signed('2021-04-01', 'A-R', '2021-04-01', '2022-03-31'));
      await f.projector.catchUp();
      expect(await f.queries.partnerStatus('P-REFUSED')).toMatchObject({ partnerId: 'P-REFUSED', agreement: { agreementId: 'A-R' } });
      await f.projector.rebuild();
      expect((await f.queries.programmeCounts({ today: '2021-06-01' })).partners).toBe(4);
    });

    it('fills area tiers, badges, pending notices and the tier-change feed', async () => {
      expect((await f.queries.partners({ area: 'vmc-on-aws', tier: 'advanced', limit: 10 })).items).toEqual([
        { partnerId: 'P-1', area: 'vmc-on-aws', tier: 'advanced', badge: false, credits: 60_000 },
      ]);
      expect((await f.queries.partners({ area: 'vmc-on-aws', tier: 'none', limit: 10 })).items.map((item) => item.partnerId)).toEqual(['P-3']);
      expect(await f.queries.badges()).toEqual([{ partnerId: 'P-2', area: 'vmc-on-aws', since: '2021-03-01T00:00:00.000Z' }]);
      expect(await f.queries.dueNotices('2021-06-01', 10)).toEqual([
        expect.objectContaining({ partnerId: 'P-1', agreementId: 'A-1', expiresOn: '2021-07-15', dueOn: '2021-05-16', status: 'pending' }),
      ]);
      const changes = (await f.queries.tierChanges({ afterSequence: 0, limit: 100 })).filter((change) => change.partnerId === 'P-2');
      expect(changes.map(({ area, from, to, badge, at }) => ({ area, from, to, badge, at }))).toEqual([
        { area: 'vmc-on-aws', from: null, to: 'partner', badge: false, at: '2021-01-01T00:00:00.000Z' },
        { area: 'vmc-on-aws', from: 'partner', to: 'principal', badge: true, at: '2021-03-01T00:00:00.000Z' },
      ]);
      expect(changes[1]!.causes).toEqual([expect.objectContaining({ kind: 'event', type: 'CreditsBooked' })]);
    });

    it('follows a notice from pending to issued to acknowledged, and cancels the pending one of a renewed term', async () => {
      const [issued] = await f.issueDue('P-1');
      const noticeId = (issued!.data as { noticeId: string }).noticeId;
      await f.projector.catchUp();
      expect(await f.queries.noticeById(noticeId)).toMatchObject({ partnerId: 'P-1', status: 'issued', issuedAt: '2021-06-01T00:00:00.000Z' });
      expect(await f.queries.dueNotices('2021-06-01', 10)).toEqual([]);
      f.setNow('2021-06-02T00:00:00Z');
      await f.acknowledge('P-1', noticeId);
      await f.record('P-2', renewed('2021-06-02', 'A-1', '2031-12-31'));
      await f.projector.catchUp();
      expect(await f.queries.noticeById(noticeId)).toMatchObject({ status: 'acknowledged', acknowledgedAt: '2021-06-02T00:00:00.000Z' });
      const p2 = (await f.queries.renewalNotices({ limit: 10 })).items.filter((notice) => notice.partnerId === 'P-2');
      expect(p2.map(({ expiresOn, status }) => ({ expiresOn, status }))).toEqual([
        { expiresOn: '2030-12-31', status: 'cancelled' },
        { expiresOn: '2031-12-31', status: 'pending' },
      ]);
    });

    it('lists the tier-at-risk notices the forecast calls for, issues them when due and flags the ones a new fact prevented', async () => {
      const p1Notice = { partnerId: 'P-1', area: 'vmc-on-aws', from: 'advanced', to: null, dropOn: '2021-07-16', dueOn: '2021-06-16', status: 'pending' };
      const pending = (await f.queries.tierRiskNotices({ limit: 10 })).items;
      expect(pending).toEqual([
        expect.objectContaining({ ...p1Notice, causes: [{ kind: 'expired', what: 'agreement:A-1' }] }),
        expect.objectContaining({ partnerId: 'P-2', from: 'principal', to: 'partner', dropOn: '2022-03-01', dueOn: '2022-01-30', status: 'pending' }),
      ]);
      expect(pending[0]!.prevention).toEqual([expect.objectContaining({ action: 'renew-agreement' })]);
      expect(pending[0]).not.toHaveProperty('issuedAt');
      expect(await f.queries.tierRiskNoticesToReview('2021-06-15', 10)).toEqual([]);
      f.setNow('2021-06-16T08:00:00Z');
      expect((await f.queries.tierRiskNoticesToReview('2021-06-16', 10)).map((notice) => notice.noticeId)).toEqual([pending[0]!.noticeId]);
      await f.reviewTierRisk('P-1');
      await f.projector.catchUp();
      const issued = await f.queries.tierRiskNoticeById(pending[0]!.noticeId);
      expect(issued).toEqual({ ...pending[0], status: 'issued', issuedAt: '2021-06-16T08:00:00.000Z' });
      expect(await f.queries.tierRiskNoticesToReview('2021-06-16', 10)).toEqual([]);
      expect((await f.queries.tierRiskNotices({ status: 'issued', limit: 10 })).items).toEqual([issued]);
      // Renewed, P-1 keeps its tier past July: the notice is flagged for the scheduler to cancel.
      await f.record('P-1', renewed('2021-06-16', 'A-1', '2031-12-31'));
      await f.projector.catchUp();
      expect(await f.queries.tierRiskNoticesToReview('2021-06-16', 10)).toEqual([issued]);
      await f.reviewTierRisk('P-1');
      await f.projector.catchUp();
      expect(await f.queries.tierRiskNoticeById(pending[0]!.noticeId)).toMatchObject({ status: 'cancelled' });
      expect(await f.queries.tierRiskNoticesToReview('2021-06-16', 10)).toEqual([]);
    });

    it('counts every event read, partner stream or not, and reports stats', async () => {
      await f.store.append('audit-1', [{ type: 'Noted', data: {}, metadata: { messageId: 'x-1', source: 'test', occurredAt: '2021-06-01T00:00:00Z' } }], {
        expectedRevision: 'no_stream',
      });
      const before = f.projector.stats.eventsProcessed;
      expect(await f.projector.catchUp()).toBe(1);
      expect(f.projector.stats).toMatchObject({ eventsProcessed: before + 1, errors: 0, rebuilding: false });
      expect(f.projector.stats.pages).toBeGreaterThan(5);
      expect(await f.projector.catchUp()).toBe(0);
    });

    it('continues from the stored checkpoint after a restart, reading nothing twice', async () => {
      const before = await snapshot(f.queries, ['P-1', 'P-2', 'P-3']);
      const restarted = f.projectorWith();
      expect(await restarted.checkpoint()).toBe(await f.projector.checkpoint());
      expect(await restarted.catchUp()).toBe(0);
      await f.record('P-3', competency('2021-05-01', 'vmc-on-aws'));
      expect(await restarted.catchUp()).toBe(1);
      const after = await snapshot(f.queries, ['P-1', 'P-2', 'P-3']);
      expect(after.statuses.slice(0, 2)).toEqual(before.statuses.slice(0, 2));
      expect(after.statuses[2]!.areas['vmc-on-aws'].tier).toBeNull();
      expect(after.statuses[2]!.position).toBe(Number(after.checkpoint));
    });
  });
}
