import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// ── The programme read API: summary, tier history, close to the next tier ─────────────────────

describe('programme routes', () => {
  let t: TestApp;
  let position: number;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-28T09:00:00.000Z' });
    const events = [
      // In vmc-on-aws at partner from 2026-02-01, 2,000 credits short of advanced; agreement ends in 64 days.
      ...goodStandingEnvelopes('P-PRG-1', '2027-01-31'),
      envelope('SolutionCompetencyEarned', 'P-PRG-1', { competency: 'vmc-on-aws' }),
      envelope('MasterServicesCompetencyEarned', 'P-PRG-1', { competency: 'vmc-on-aws' }),
      envelope('CreditsBooked', 'P-PRG-1', { dealId: 'D-1', area: 'vmc-on-aws', credits: 48_000 }, '2026-03-01T10:00:00Z'),
      // An agreement only, ending in 22 days: not in good standing.
      envelope('AgreementSigned', 'P-PRG-2', {
        agreementId: 'A-2',
        effectiveFrom: '2026-02-01',
        expiresOn: '2026-12-20',
        businessModels: ['solution-provider'],
      }),
    ];
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    position = Math.max(...body.results.map((r: { position: number }) => r.position));
    // An invalid message from a named source: kept in the rejection log.
    await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send({ ...envelope('NoSuchType', 'P-PRG-3', {}), source: 'crm' })
      .expect(400);
  });
  afterAll(() => t.close());

  it('summarises the programme for a reader, without the admin-only rejections', async () => {
    const { body } = await t.http.get(`/v1/programme/summary?minPosition=${position}`).set(t.as('reader')).expect(200);
    expect(body).toMatchObject({
      position: expect.any(Number),
      evaluatedAt: '2026-11-28T09:00:00.000Z',
      partners: 2,
      goodStanding: { yes: 1, no: 1 },
      agreementsExpiring: { in30Days: 1, in60Days: 1, in90Days: 2 },
      notices: { pending: 2, issued: 0, acknowledged: 0, cancelled: 0 },
      rejections: null,
    });
    expect(body.position).toBeGreaterThanOrEqual(position);
    expect(Object.keys(body.areas)).toHaveLength(7);
    expect(body.areas['vmc-on-aws']).toEqual({ principal: 0, advanced: 0, partner: 1, none: 1, badges: 0 });
    expect(Object.values(body.goodStanding.byUnmetRequirement)).toEqual(expect.arrayContaining([1]));
    const { projection } = body;
    expect(projection.position).toBe(body.position);
    expect(projection.lagEvents).toBe(projection.headPosition - projection.position);
    expect(projection.lagSeconds).toBeGreaterThanOrEqual(0);
  });

  it('counts rejections by source and code for an admin key, over the last 30 days unless a period is given', async () => {
    const { body } = await t.http.get('/v1/programme/summary').set(t.as('admin')).expect(200);
    expect(body.rejections).toEqual({
      from: '2026-10-29T09:00:00.000Z',
      to: '2026-11-28T09:00:00.000Z',
      total: 1,
      bySourceAndCode: [{ source: 'crm', code: 'invalid', count: 1 }],
    });
    const before = await t.http.get('/v1/programme/summary?rejectionsFrom=2026-01-01&rejectionsTo=2026-11-27').set(t.as('admin')).expect(200);
    expect(before.body.rejections).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-11-27T23:59:59.999Z', total: 0, bySourceAndCode: [] });
  });

  it('gives the tier counts of an area per day, and per week by default over 12 weeks', async () => {
    const { body } = await t.http.get('/v1/programme/tier-history?area=vmc-on-aws&from=2026-01-31&to=2026-02-02').set(t.as('reader')).expect(200);
    expect(body).toEqual({
      area: 'vmc-on-aws',
      interval: 'day',
      from: '2026-01-31',
      to: '2026-02-02',
      points: [
        { date: '2026-01-31', partner: 0, advanced: 0, principal: 0, none: 0 },
        { date: '2026-02-01', partner: 1, advanced: 0, principal: 0, none: 0 },
        { date: '2026-02-02', partner: 1, advanced: 0, principal: 0, none: 0 },
      ],
    });
    const weeks = await t.http.get('/v1/programme/tier-history?area=vmc-on-aws&interval=week').set(t.as('reader')).expect(200);
    expect(weeks.body.points).toHaveLength(12);
    expect(weeks.body.points.at(-1)).toEqual({ date: '2026-11-28', partner: 1, advanced: 0, principal: 0, none: 0 });
    const days = await t.http.get('/v1/programme/tier-history?area=vmc-on-aws').set(t.as('reader')).expect(200);
    expect(days.body).toMatchObject({ from: '2026-10-30', to: '2026-11-28' });
    expect(days.body.points).toHaveLength(30);
  });

  it('lists partners close to their next tier, with what they miss and the credits they need', async () => {
    const { body } = await t.http.get('/v1/programme/close-to-next-tier?area=vmc-on-aws&share=0.05').set(t.as('reader')).expect(200);
    expect(body).toEqual({
      items: [
        {
          partnerId: 'P-PRG-1',
          area: 'vmc-on-aws',
          tier: 'partner',
          nextTier: 'advanced',
          missing: ['credits:48000/50000'],
          credits: 48_000,
          creditsNeeded: 2_000,
        },
      ],
      nextCursor: null,
    });
    const first = await t.http.get('/v1/programme/close-to-next-tier?limit=1').set(t.as('reader')).expect(200);
    expect(first.body.items).toHaveLength(1);
    const next = await t.http.get(`/v1/programme/close-to-next-tier?limit=1&cursor=${first.body.nextCursor}`).set(t.as('reader')).expect(200);
    expect(`${next.body.items[0].area} ${next.body.items[0].partnerId}` > `${first.body.items[0].area} ${first.body.items[0].partnerId}`).toBe(true);
  });

  it('answers 400 naming the parameter, and 401/403 to a wrong key or role', async () => {
    const bad = [
      ['/v1/programme/summary?rejectionsFrom=2026-02-30', 'rejectionsFrom'],
      ['/v1/programme/summary?rejectionsFrom=2026-11-02&rejectionsTo=2026-11-01', 'rejectionsFrom must not be after rejectionsTo'],
      ['/v1/programme/tier-history', 'area'],
      ['/v1/programme/tier-history?area=vmc-on-aws&interval=month', 'interval'],
      ['/v1/programme/tier-history?area=vmc-on-aws&from=2025-01-01&to=2026-02-05', 'at most 400'],
      ['/v1/programme/tier-history?area=vmc-on-aws&from=2026-02-02&to=2026-02-01', 'to must not be before from'],
      ['/v1/programme/close-to-next-tier?share=0', 'share'],
      ['/v1/programme/close-to-next-tier?share=1.5', 'share'],
      ['/v1/programme/close-to-next-tier?cursor=nope', 'cursor'],
      ['/v1/programme/close-to-next-tier?limit=0', 'limit'],
    ];
    for (const [url, named] of bad) {
      const { body } = await t.http.get(url!).set(t.as('reader')).expect(400);
      expect(body.message).toContain(named);
    }
    for (const url of ['/v1/programme/summary', '/v1/programme/tier-history?area=vmc-on-aws', '/v1/programme/close-to-next-tier']) {
      await t.http.get(url).expect(401);
      await t.http.get(url).set({ Authorization: 'Bearer wrong-key-0123456789abcdef' }).expect(401);
      await t.http.get(url).set(t.as('publisher')).expect(403);
      await t.http.get(url).set(t.as('auditor')).expect(200);
    }
  });
});
