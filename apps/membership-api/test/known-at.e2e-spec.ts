import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// ── Bitemporal reads: the status at a business time (asOf) as known at a recording time (knownAt) ──
// The test clock stamps `recordedAt`: a partner qualifies on 1 February (recorded that day), and a
// deal back-dated to 1 February is recorded on 1 March.

describe('knownAt and the end-of-day rule (auditor)', () => {
  let t: TestApp;
  const partnerId = 'P-KNOWN-1';
  let dealPosition = 0;
  const status = (query: string) => t.http.get(`/v1/partners/${partnerId}?${query}`).set(t.as('auditor'));

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-02-01T11:00:00.000Z' });
    const qualifying = [
      ...goodStandingEnvelopes(partnerId),
      envelope('SolutionCompetencyEarned', partnerId, { competency: 'vmc-on-aws' }),
      envelope('MasterServicesCompetencyEarned', partnerId, { competency: 'vmc-on-aws' }),
    ];
    await t.http.post('/v1/events').set(t.as('publisher')).send({ events: qualifying }).expect(200);
    t.clock.now = new Date('2026-03-01T09:00:00.000Z');
    const deal = envelope('CreditsBooked', partnerId, { dealId: 'D-LATE', area: 'vmc-on-aws', credits: 1_000_000 }, '2026-02-01T15:00:00Z');
    dealPosition = (await t.http.post('/v1/events').set(t.as('publisher')).send(deal).expect(201)).body.position;
    t.clock.now = new Date('2026-03-05T12:00:00.000Z');
  });
  afterAll(() => t.close());

  it('reads "asOf D" as the end of D: a fact from later that day is in it', async () => {
    const { body } = await status('asOf=2026-02-01').expect(200);
    expect(body).toMatchObject({ evaluatedAt: '2026-02-01T23:59:59.999Z', knownAt: null, position: dealPosition });
    expect(body.areas['vmc-on-aws'].tier).toBe('principal');
  });

  it('leaves out a back-dated deal recorded after knownAt, and takes it once knownAt passes its recording', async () => {
    const before = await status('asOf=2026-02-01&knownAt=2026-02-15').expect(200);
    expect(before.body).toMatchObject({ evaluatedAt: '2026-02-01T23:59:59.999Z', knownAt: '2026-02-15T23:59:59.999Z' });
    expect(before.body.areas['vmc-on-aws']).toMatchObject({ tier: 'partner', credits: 0 });
    expect(before.body.position).toBeLessThan(dealPosition);
    const after = await status('asOf=2026-02-01&knownAt=2026-03-02').expect(200);
    expect(after.body).toMatchObject({ knownAt: '2026-03-02T23:59:59.999Z', position: dealPosition });
    expect(after.body.areas['vmc-on-aws']).toMatchObject({ tier: 'principal', credits: 1_000_000 });
  });

  it('without asOf evaluates the status at knownAt as known at knownAt', async () => {
    const { body } = await status('knownAt=2026-03-01T08:59:59Z').expect(200);
    expect(body).toMatchObject({ evaluatedAt: '2026-03-01T08:59:59.000Z', knownAt: '2026-03-01T08:59:59.000Z' });
    expect(body.areas['vmc-on-aws'].tier).toBe('partner');
  });

  it('gives with knownAt = now the answer of the plain asOf (everything recorded is known)', async () => {
    const now = t.clock.now.toISOString();
    const known = await status(`knownAt=${now}`).expect(200);
    const plain = await status(`asOf=${now}`).expect(200);
    expect(known.body).toEqual({ ...plain.body, knownAt: now });
    const timeline = await t.http.get(`/v1/partners/${partnerId}/timeline?knownAt=${now}`).set(t.as('auditor')).expect(200);
    const everything = await t.http.get(`/v1/partners/${partnerId}/timeline?to=${now}`).set(t.as('auditor')).expect(200);
    expect(timeline.body).toEqual({ ...everything.body, knownAt: now });
  });

  it('reads dates in the time zone tz, and a timestamp as itself', async () => {
    const tokyo = await status('asOf=2026-02-01&tz=Asia/Tokyo').expect(200);
    expect(tokyo.body.evaluatedAt).toBe('2026-02-01T14:59:59.999Z');
    const stamped = await status('asOf=2026-02-01T12:00:00%2B01:00&tz=Asia/Tokyo').expect(200);
    expect(stamped.body.evaluatedAt).toBe('2026-02-01T11:00:00.000Z');
    const refused = await status('asOf=2026-02-01&tz=Mars/Olympus').expect(400);
    expect(refused.body.details).toEqual([{ path: 'tz', message: 'tz must be an IANA time zone by its canonical name, e.g. Europe/Berlin, or UTC' }]);
  });

  it('answers 404 for a knownAt before the first recorded event, 400 for one in the future, 403 for a reader', async () => {
    const unknown = await status('knownAt=2026-01-31').expect(404);
    expect(unknown.body.message).toBe(`partner ${partnerId} has no accepted events`);
    const future = await status('knownAt=2026-03-05T12:00:00.001Z').expect(400);
    expect(future.body.message).toBe(
      "knownAt 2026-03-05T12:00:00.001Z is after the service's current time 2026-03-05T12:00:00.000Z: what will be recorded by then is not known yet",
    );
    expect(future.body.details).toEqual([{ path: 'knownAt', message: future.body.message }]);
    await status('knownAt=2026-03-05').expect(400); // the end of today has not come yet
    await t.http.get(`/v1/partners/${partnerId}?knownAt=2026-02-15`).set(t.as('reader')).expect(403);
  });

  it('gives the timeline as known at knownAt, with both ends of a date range included', async () => {
    const timeline = (query: string) => t.http.get(`/v1/partners/${partnerId}/timeline?${query}`).set(t.as('auditor')).expect(200);
    const tiersOf = (body: { changes: { area: string; to: string }[] }) => body.changes.filter((c) => c.area === 'vmc-on-aws').map((c) => c.to);
    const before = await timeline('knownAt=2026-02-15');
    expect(before.body).toMatchObject({ partnerId, knownAt: '2026-02-15T23:59:59.999Z' });
    expect(before.body.position).toBeLessThan(dealPosition);
    expect(tiersOf(before.body)).toEqual(['partner']);
    const after = await timeline('knownAt=2026-03-02');
    expect(after.body.position).toBe(dealPosition);
    expect(tiersOf(after.body)).toEqual(['partner', 'principal']);
    expect(tiersOf((await timeline('from=2026-02-01&to=2026-02-01')).body)).toEqual(['partner', 'principal']);
    expect(tiersOf((await timeline('from=2026-02-02')).body)).toEqual([]);
    await t.http.get(`/v1/partners/${partnerId}/timeline?knownAt=2026-01-31`).set(t.as('auditor')).expect(404);
  });

  it('documents knownAt, tz and the new answer fields in the OpenAPI document', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    for (const path of ['/v1/partners/{partnerId}', '/v1/partners/{partnerId}/timeline']) {
      const operation = body.paths[path].get;
      expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['knownAt', 'tz']));
      expect(operation.description).toMatch(/end of that day \(23:59:59\.999\) in `tz`/);
      expect(operation.responses['404'].description).toMatch(/none recorded by then/);
    }
    expect(Object.keys(body.components.schemas.PartnerStatus.properties)).toEqual(expect.arrayContaining(['knownAt', 'position']));
    expect(body.components.schemas.Timeline.required).toEqual(expect.arrayContaining(['knownAt', 'position']));
  });
});
