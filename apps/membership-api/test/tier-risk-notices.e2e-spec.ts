import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// Tier-at-risk notices: pending while the forecast shows a drop, issued by the scheduler when due
// (30 days before the drop), cancelled by it when a new fact prevents the drop.

describe('tier-at-risk notices', () => {
  let t: TestApp;
  let lastPosition = 0;
  const [kept, renewing] = ['P-RISK-1', 'P-RISK-2'];
  const post = async (...events: ReturnType<typeof envelope>[]) => {
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    lastPosition = Math.max(lastPosition, ...body.results.map((r: { position: number }) => r.position));
  };
  const notices = async (query: string) =>
    (await t.http.get(`/v1/tier-risk-notices?${query}&minPosition=${lastPosition}`).set(t.as('notifier')).expect(200)).body;
  const ofPartner = async (partnerId: string, status: string) =>
    (await notices(`status=${status}`)).items.filter((n: { partnerId: string }) => n.partnerId === partnerId);
  const history = async (partnerId: string, type: string) => {
    const { body } = await t.http.get(`/v1/partners/${partnerId}/history?limit=1000`).set(t.as('auditor')).expect(200);
    const events = body.items.filter((e: { type: string }) => e.type === type);
    lastPosition = Math.max(lastPosition, ...events.map((e: { position: number }) => e.position));
    return events;
  };
  const acknowledge = (noticeId: string, role: Parameters<TestApp['as']>[0] = 'notifier') =>
    t.http.post(`/v1/tier-risk-notices/${noticeId}/acknowledge`).set(t.as(role));

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-01-05T00:00:00.000Z' });
    for (const id of [kept, renewing]) {
      await post(
        ...goodStandingEnvelopes(id, '2027-01-31'),
        envelope('SolutionCompetencyEarned', id, { competency: 'vmc-on-aws' }, '2026-02-02T00:00:00Z'),
        envelope('CreditsBooked', id, { dealId: `D-${id}`, area: 'vmc-on-aws', credits: 60_000 }, '2026-03-01T00:00:00Z'),
      );
    }
  });
  afterAll(() => t.close());

  it('lists a pending notice 30 days before the forecast drop, with its cause and what would prevent it', async () => {
    const [pending] = await ofPartner(kept, 'pending');
    expect(pending).toEqual({
      noticeId: expect.stringMatching(/^tr-/),
      partnerId: kept,
      area: 'vmc-on-aws',
      from: 'advanced',
      to: null,
      dropOn: '2027-02-01',
      dueOn: '2027-01-02',
      causes: [{ kind: 'expired', what: `agreement:A-${kept}` }],
      prevention: [expect.objectContaining({ action: 'renew-agreement', before: '2027-02-01T00:00:00.000Z' })],
      status: 'pending',
    });
    const refused = await acknowledge(pending.noticeId).expect(409);
    expect(refused.body).toMatchObject({ code: 'notice-not-issued' });
  });

  it('issues each due notice once, however often the scheduler ticks', async () => {
    await t.tick();
    await t.tick();
    const issued = await history(kept, 'TierRiskNoticeIssued');
    expect(issued).toHaveLength(1);
    expect(await ofPartner(kept, 'issued')).toEqual([
      expect.objectContaining({ noticeId: issued[0].data.noticeId, status: 'issued', issuedAt: '2027-01-05T00:00:00.000Z' }),
    ]);
  });

  it('acknowledges an issued notice idempotently, and only for the notifier', async () => {
    const [{ noticeId }] = await ofPartner(kept, 'issued');
    await acknowledge(noticeId, 'reader').expect(403);
    await acknowledge(noticeId, 'publisher').expect(403);
    await t.http.get('/v1/tier-risk-notices').set(t.as('reader')).expect(403);
    const first = await acknowledge(noticeId).expect(200);
    expect(first.body).toEqual({ noticeId, status: 'acknowledged', position: expect.any(Number) });
    lastPosition = Math.max(lastPosition, first.body.position);
    expect((await acknowledge(noticeId).expect(200)).body).toEqual({ noticeId, status: 'acknowledged', alreadyAcknowledged: true });
    expect(await ofPartner(kept, 'acknowledged')).toEqual([expect.objectContaining({ noticeId })]);
    expect((await acknowledge('tr-unknown').expect(404)).body).toMatchObject({ statusCode: 404, code: 'notice-not-found' });
  });

  it('cancels an issued notice once a new fact prevents the drop', async () => {
    const [issued] = await ofPartner(renewing, 'issued');
    await post(envelope('AgreementRenewed', renewing, { agreementId: `A-${renewing}`, expiresOn: '2028-01-31' }, '2027-01-04T00:00:00Z'));
    await notices('limit=1'); // the read models show the renewal: the notice is flagged for the scheduler
    await t.tick();
    expect(await history(renewing, 'TierRiskNoticeCancelled')).toEqual([expect.objectContaining({ data: { noticeId: issued.noticeId, reason: 'prevented' } })]);
    expect(await ofPartner(renewing, 'cancelled')).toEqual([expect.objectContaining({ noticeId: issued.noticeId })]);
    expect((await acknowledge(issued.noticeId).expect(409)).body).toMatchObject({ code: 'notice-cancelled' });
  });
});
