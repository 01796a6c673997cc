import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

describe('POST /v1/admin/projections/rebuild', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('rebuilds every read model from the store with identical answers', async () => {
    const events = ['P-RB-1', 'P-RB-2', 'P-RB-3'].flatMap((partnerId, i) => [
      ...goodStandingEnvelopes(partnerId),
      envelope('SolutionCompetencyEarned', partnerId, { competency: 'pks' }),
      envelope('MasterServicesCompetencyEarned', partnerId, { competency: 'modern-applications' }),
      envelope('CreditsBooked', partnerId, { dealId: `D-${i}`, area: 'modern-applications', credits: 400_000 * (i + 1) }, '2026-05-01T00:00:00Z'),
    ]);
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    const position = Math.max(...body.results.map((r: { position: number }) => r.position));
    const snapshot = async () => ({
      statuses: await Promise.all(
        ['P-RB-1', 'P-RB-2', 'P-RB-3'].map(async (id) => (await t.http.get(`/v1/partners/${id}?minPosition=${position}`).set(t.as('reader')).expect(200)).body),
      ),
      list: (await t.http.get('/v1/partners?area=modern-applications').set(t.as('reader')).expect(200)).body,
      badges: (await t.http.get('/v1/badges').set(t.as('reader')).expect(200)).body,
      notices: (await t.http.get('/v1/renewal-notices').set(t.as('notifier')).expect(200)).body,
    });
    const before = await snapshot();
    expect(before.badges.badges.map((b: { partnerId: string }) => b.partnerId)).toEqual(['P-RB-3']);
    // Many clients announce JSON on a body-less POST: an empty body is no body, not malformed JSON.
    const rebuilt = await t.http.post('/v1/admin/projections/rebuild').set(t.as('admin')).set('Content-Type', 'application/json').expect(200);
    expect(rebuilt.body).toMatchObject({ rebuilt: true, events: events.length, position });
    expect(await snapshot()).toEqual(before);
  });
});

describe('rebuild in the scale-out topology (API and projector in two processes on one DATA_DIR)', () => {
  it('the API refuses it (409, naming where to run it); a rebuild where the projector runs is served by the API', async () => {
    const projector = await startTestApp();
    const api = await startTestApp({ dataDir: projector.dataDir, background: false });
    try {
      const first = await api.http
        .post('/v1/events')
        .set(api.as('publisher'))
        .send({ events: goodStandingEnvelopes('P-SPLIT-1') })
        .expect(200);
      const firstPosition = Math.max(...first.body.results.map((r: { position: number }) => r.position));
      await api.http.get(`/v1/partners/P-SPLIT-1?minPosition=${firstPosition}`).set(api.as('reader')).expect(200);
      const refused = await api.http.post('/v1/admin/projections/rebuild').set(api.as('admin')).expect(409);
      expect(refused.body.message).toMatch(/start:projector -- --rebuild/);
      await projector.http.post('/v1/admin/projections/rebuild').set(projector.as('admin')).expect(200);
      // Written after the swap: the projector applies it to the new tables, the API reads them.
      const later = await api.http
        .post('/v1/events')
        .set(api.as('publisher'))
        .send(envelope('CreditsBooked', 'P-SPLIT-1', { dealId: 'D-1', area: 'vmc-on-aws', credits: 1_000 }, '2026-05-01T00:00:00Z'))
        .expect(201);
      const status = await api.http.get(`/v1/partners/P-SPLIT-1?minPosition=${later.body.position}`).set(api.as('reader')).expect(200);
      expect(status.body.areas['vmc-on-aws'].credits).toBe(1_000);
    } finally {
      await api.close();
      await projector.close();
    }
  }, 30_000);
});
