import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

describe('partner status, lists, badges, history and asOf', () => {
  let t: TestApp;
  let lastPosition = 0;
  const principal = 'P-STATUS-1';

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-28T09:00:00.000Z' });
    const events = [
      ...goodStandingEnvelopes(principal),
      envelope('SolutionCompetencyEarned', principal, { competency: 'vmc-on-aws' }, '2026-02-02T00:00:00Z'),
      envelope('MasterServicesCompetencyEarned', principal, { competency: 'vmc-on-aws' }, '2026-02-02T00:00:00Z'),
      envelope(
        'CreditsBooked',
        principal,
        { dealId: 'D-1', area: 'vmc-on-aws', credits: 700000, accelerator: { code: 'Q3', multiplier: 1.5 } },
        '2026-03-01T00:00:00Z',
      ),
      ...goodStandingEnvelopes('P-STATUS-2'),
      envelope('SolutionCompetencyEarned', 'P-STATUS-2', { competency: 'vmc-on-aws' }, '2026-02-02T00:00:00Z'),
    ];
    const response = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    expect(response.body.results.every((r: { outcome: string }) => r.outcome === 'appended')).toBe(true);
    lastPosition = Math.max(...response.body.results.map((r: { position: number }) => r.position));
  });
  afterAll(() => t.close());

  it('serves the current status once the read models reached minPosition', async () => {
    const { body, headers } = await t.http.get(`/v1/partners/${principal}?minPosition=${lastPosition}`).set(t.as('reader')).expect(200);
    // Served from the stored JSON text: still JSON, with the read model's position last.
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(body).at(-1)).toBe('position');
    expect(body.position).toEqual(expect.any(Number));
    expect(body).toMatchObject({
      partnerId: principal,
      evaluatedAt: '2026-11-28T09:00:00.000Z',
      ruleset: 'partner-connect-fy21',
      programme: 'partner-connect',
      goodStanding: true,
      agreement: { agreementId: `A-${principal}`, status: 'active', expiresOn: '2027-01-31', renewalNotice: { dueOn: '2026-12-02', status: 'pending' } },
      badges: [{ area: 'vmc-on-aws', since: '2026-03-01T00:00:00.000Z' }],
      entitlements: { dealRegistration: ['vmc-on-aws'], coSelling: ['vmc-on-aws'], mscIncentives: ['vmc-on-aws'] },
    });
    expect(body.areas['vmc-on-aws']).toEqual({ tier: 'principal', credits: 1050000, badge: true, next: null });
    expect(Object.keys(body.areas)).toHaveLength(7);
    expect(body.position).toBeGreaterThan(0);
  });

  it('answers 404 for a partner with no events and 400 for a path-like id', async () => {
    await t.http.get('/v1/partners/P-NOBODY').set(t.as('reader')).expect(404);
    await t.http.get('/v1/partners/..%2F..%2Fetc').set(t.as('reader')).expect(400);
  });

  it('lists partners by area and tier, paged by cursor', async () => {
    const first = await t.http.get(`/v1/partners?area=vmc-on-aws&limit=1&minPosition=${lastPosition}`).set(t.as('reader')).expect(200);
    expect(first.body.items).toHaveLength(1);
    const second = await t.http
      .get(`/v1/partners?area=vmc-on-aws&limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set(t.as('reader'))
      .expect(200);
    expect([first.body.items[0].partnerId, second.body.items[0].partnerId]).toEqual([principal, 'P-STATUS-2']);
    const principals = await t.http.get('/v1/partners?area=vmc-on-aws&tier=principal').set(t.as('reader')).expect(200);
    expect(principals.body.items.map((i: { partnerId: string }) => i.partnerId)).toEqual([principal]);
    await t.http.get('/v1/partners?area=nowhere').set(t.as('reader')).expect(400);
  });

  it('lists badges', async () => {
    const { body } = await t.http.get('/v1/badges?area=vmc-on-aws').set(t.as('reader')).expect(200);
    expect(body.badges).toEqual([{ partnerId: principal, area: 'vmc-on-aws', since: '2026-03-01T00:00:00.000Z' }]);
  });

  it('rebuilds the status as of a past time from the event store (auditor)', async () => {
    const before = await t.http.get(`/v1/partners/${principal}?asOf=2026-02-15`).set(t.as('auditor')).expect(200);
    expect(before.body.areas['vmc-on-aws'].tier).toBe('partner');
    expect(before.body.badges).toEqual([]);
    const beforeSigning = await t.http.get(`/v1/partners/${principal}?asOf=2026-01-01T00:00:00Z`).set(t.as('auditor')).expect(200);
    expect(beforeSigning.body.agreement).toBeNull();
    await t.http.get(`/v1/partners/${principal}?asOf=yesterday`).set(t.as('auditor')).expect(400);
  });

  it('answers asOf with facts appended after an earlier asOf (the cached fold catches up)', async () => {
    const partnerId = 'P-STATUS-2';
    const before = await t.http.get(`/v1/partners/${partnerId}?asOf=2026-11-01`).set(t.as('auditor')).expect(200);
    expect(before.body.areas['modern-applications'].tier).toBeNull();
    await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send(envelope('SolutionCompetencyEarned', partnerId, { competency: 'pks' }, '2026-10-01T00:00:00Z'))
      .expect(201);
    const after = await t.http.get(`/v1/partners/${partnerId}?asOf=2026-11-01`).set(t.as('auditor')).expect(200);
    expect(after.body.areas['modern-applications'].tier).toBe('partner');
    const earlier = await t.http.get(`/v1/partners/${partnerId}?asOf=2026-09-30`).set(t.as('auditor')).expect(200);
    expect(earlier.body.areas['modern-applications'].tier).toBeNull();
  });

  it('pages the complete history with metadata', async () => {
    const first = await t.http.get(`/v1/partners/${principal}/history?limit=5`).set(t.as('auditor')).expect(200);
    expect(first.body.items).toHaveLength(5);
    expect(first.body.items[0]).toMatchObject({
      revision: 0,
      type: 'AgreementSigned',
      source: 'e2e',
      occurredAt: '2026-02-01T10:00:00Z',
      recordedAt: expect.any(String),
      messageId: expect.any(String),
      position: expect.any(Number),
    });
    const rest = await t.http.get(`/v1/partners/${principal}/history?from=${first.body.nextFrom}`).set(t.as('auditor')).expect(200);
    expect(rest.body.items.map((i: { revision: number }) => i.revision)).toEqual([5, 6, 7]);
    expect(rest.body.nextFrom).toBeNull();
  });

  it('explains the tier timeline', async () => {
    const { body } = await t.http.get(`/v1/partners/${principal}/timeline`).set(t.as('auditor')).expect(200);
    const vmc = body.changes.filter((c: { area: string }) => c.area === 'vmc-on-aws');
    expect(vmc.map((c: { to: string }) => c.to)).toEqual(['partner', 'principal']);
    expect(vmc[1].causes).toEqual([expect.objectContaining({ kind: 'event', type: 'CreditsBooked' })]);
  });

  it('answers 503 with Retry-After when the read models do not reach minPosition in 5 s', async () => {
    const response = await t.http
      .get(`/v1/badges?minPosition=${lastPosition + 1000}`)
      .set(t.as('reader'))
      .expect(503);
    expect(response.headers['retry-after']).toBe('1');
    await t.http.get('/v1/badges?minPosition=-1').set(t.as('reader')).expect(400);
  }, 10_000);

  it('lets time alone change the answer: the deal leaves the window after 365 days', async () => {
    t.clock.now = new Date('2027-03-02T00:00:00.000Z');
    await t.tick();
    const { body } = await t.http.get(`/v1/partners/${principal}`).set(t.as('reader')).expect(200);
    expect(body.areas['vmc-on-aws']).toMatchObject({ tier: null, credits: 0 });
    expect(body.agreement.status).toBe('expired');
  });
});
