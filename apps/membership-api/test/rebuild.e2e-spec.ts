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
      statuses: await Promise.all(['P-RB-1', 'P-RB-2', 'P-RB-3'].map(async (id) => (await t.http.get(`/v1/partners/${id}?minPosition=${position}`).set(t.as('reader')).expect(200)).body)),
      list: (await t.http.get('/v1/partners?area=modern-applications').set(t.as('reader')).expect(200)).body,
      badges: (await t.http.get('/v1/badges').set(t.as('reader')).expect(200)).body,
      notices: (await t.http.get('/v1/renewal-notices').set(t.as('notifier')).expect(200)).body,
    });
    const before = await snapshot();
    expect(before.badges.badges.map((b: { partnerId: string }) => b.partnerId)).toEqual(['P-RB-3']);
    const rebuilt = await t.http.post('/v1/admin/projections/rebuild').set(t.as('admin')).expect(200);
    expect(rebuilt.body).toMatchObject({ rebuilt: true, events: events.length, position });
    expect(await snapshot()).toEqual(before);
  });
});
