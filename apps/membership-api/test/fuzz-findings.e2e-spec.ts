import { type TestApp, startTestApp } from './test-app';

// Regressions found by the schemathesis campaign (test/schemathesis/run.sh).

describe('requests the fuzzer found mishandled', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    [null, 'events must not be null'],
    ['events', 'events must be an array of envelopes'],
    [42, 'events must be an array of envelopes'],
    [{}, 'events must be an array of envelopes'],
  ])('a batch whose events is %j answers 400 (%s), not 500', async (events, message) => {
    const response = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, message: expect.stringContaining(message) });
  });

  it('a batch of 501 names the limit and the count', async () => {
    const response = await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send({ events: Array.from({ length: 501 }, () => ({})) })
      .expect(400);
    expect(response.body.message).toContain('events must hold at most 500 events (got 501)');
  });

  it('a notice id of the longest allowed length (128) reaches the route: 404 unknown notice, not 414', async () => {
    const response = await t.http
      .post(`/v1/renewal-notices/${'n'.repeat(128)}/acknowledge`)
      .set(t.as('notifier'))
      .expect(404);
    expect(response.body.message).toContain('no renewal notice');
    await t.http
      .post(`/v1/renewal-notices/${'n'.repeat(129)}/acknowledge`)
      .set(t.as('notifier'))
      .expect(400);
  });
});
