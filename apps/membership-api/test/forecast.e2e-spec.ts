import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// The forecast of one partner (from the event store) and of the whole programme (read model).

describe('forecast', () => {
  let t: TestApp;
  let lastPosition = 0;
  const partnerId = 'P-FORECAST-1';
  const post = async (...events: ReturnType<typeof envelope>[]) => {
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    lastPosition = Math.max(lastPosition, ...body.results.map((r: { position: number }) => r.position));
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-28T09:00:00.000Z' });
    for (const id of [partnerId, 'P-FORECAST-2']) {
      await post(
        ...goodStandingEnvelopes(id),
        envelope('SolutionCompetencyEarned', id, { competency: 'vmc-on-aws' }, '2026-02-02T00:00:00Z'),
        envelope('CreditsBooked', id, { dealId: `D-${id}`, area: 'vmc-on-aws', credits: 60_000 }, '2026-03-01T00:00:00Z'),
      );
    }
  });
  afterAll(() => t.close());

  it("answers a partner's drops ahead with their causes and what would prevent them (90 days by default)", async () => {
    const { body } = await t.http.get(`/v1/partners/${partnerId}/forecast?minPosition=${lastPosition}`).set(t.as('reader')).expect(200);
    expect(body).toEqual({
      partnerId,
      from: '2026-11-28T09:00:00.000Z',
      until: '2027-02-26T09:00:00.000Z',
      position: expect.any(Number),
      changes: [
        {
          at: '2027-02-01T00:00:00.000Z',
          area: 'vmc-on-aws',
          from: 'advanced',
          to: null,
          badge: false,
          direction: 'drop',
          ruleset: 'partner-connect-fy21',
          causes: [{ kind: 'expired', what: `agreement:A-${partnerId}` }],
          prevention: [
            {
              action: 'renew-agreement',
              before: '2027-02-01T00:00:00.000Z',
              requirement: 'agreement',
              text: 'renew the Partner Connect agreement before 2027-02-01',
            },
          ],
        },
      ],
    });
  });

  it('reads until as a date through its end, or as a timestamp', async () => {
    const through = async (until: string) =>
      (await t.http.get(`/v1/partners/${partnerId}/forecast?until=${until}`).set(t.as('auditor')).expect(200)).body as { until: string; changes: unknown[] };
    expect(await through('2027-01-31')).toMatchObject({ until: '2027-01-31T23:59:59.999Z', changes: [] });
    expect((await through('2027-02-01T00:00:00Z')).changes).toHaveLength(1);
  });

  it('refuses an until in the past or beyond 730 days, and answers 404 for an unknown partner', async () => {
    const message = async (until: string) => (await t.http.get(`/v1/forecast?until=${until}`).set(t.as('reader')).expect(400)).body.message;
    expect(await message('2026-11-28T09:00:00Z')).toBe('until must be after now (2026-11-28T09:00:00.000Z)');
    expect(await message('2028-11-28T09:00:00.001Z')).toBe('until must be at most 730 days ahead (by 2028-11-27T09:00:00.000Z)');
    await t.http.get(`/v1/partners/${partnerId}/forecast?until=2026-01-01`).set(t.as('reader')).expect(400);
    await t.http.get(`/v1/partners/${partnerId}/forecast?until=soon`).set(t.as('reader')).expect(400);
    await t.http.get('/v1/partners/P-NOBODY/forecast').set(t.as('reader')).expect(404);
    await t.http.get('/v1/forecast?direction=sideways').set(t.as('reader')).expect(400);
  });

  it("lists every partner's changes by time, filtered and paged", async () => {
    const first = await t.http.get(`/v1/forecast?direction=drop&area=vmc-on-aws&limit=1&minPosition=${lastPosition}`).set(t.as('reader')).expect(200);
    expect(first.body).toMatchObject({
      from: '2026-11-28T09:00:00.000Z',
      until: '2027-02-26T09:00:00.000Z',
      items: [{ partnerId, at: '2027-02-01T00:00:00.000Z', area: 'vmc-on-aws', direction: 'drop', to: null }],
    });
    const second = await t.http.get(`/v1/forecast?direction=drop&area=vmc-on-aws&limit=1&cursor=${first.body.nextCursor}`).set(t.as('admin')).expect(200);
    expect(second.body).toMatchObject({ items: [{ partnerId: 'P-FORECAST-2' }], nextCursor: null });
    expect((await t.http.get('/v1/forecast?direction=rise').set(t.as('reader')).expect(200)).body.items).toEqual([]);
  });

  it('forgets a drop a new fact prevents, and shows what comes next instead', async () => {
    await post(envelope('AgreementRenewed', partnerId, { agreementId: `A-${partnerId}`, expiresOn: '2028-01-31' }, '2026-11-28T08:00:00Z'));
    const { body } = await t.http.get(`/v1/forecast?until=2027-03-31&area=vmc-on-aws&minPosition=${lastPosition}`).set(t.as('reader')).expect(200);
    expect(body.items.map((c: { partnerId: string; at: string; to: string | null }) => [c.partnerId, c.at, c.to])).toEqual([
      ['P-FORECAST-2', '2027-02-01T00:00:00.000Z', null],
      [partnerId, '2027-03-01T00:00:00.000Z', 'partner'],
    ]);
    expect(body.items[1].prevention).toEqual([expect.objectContaining({ action: 'book-credits', credits: 50_000 })]);
  });
});
