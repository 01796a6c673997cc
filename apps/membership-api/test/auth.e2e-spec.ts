import { type TestApp, startTestApp } from './test-app';

describe('authentication and roles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 without a key and with a forged one', async () => {
    const none = await t.http.get('/v1/badges').expect(401);
    expect(none.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(/missing API key/) });
    await t.http.get('/v1/badges').set('Authorization', 'Bearer reader-key-0123456789abcdX').expect(401);
    await t.http.get('/v1/badges').set('Authorization', 'Basic cmVhZGVy').expect(401);
  });

  it.each([
    ['publisher', 'get', '/v1/badges'],
    ['reader', 'post', '/v1/events'],
    ['reader', 'get', '/v1/partners/P-1/history'],
    ['notifier', 'get', '/v1/partners/P-1'],
    ['auditor', 'get', '/v1/renewal-notices'],
    ['reader', 'get', '/v1/tier-risk-notices'],
    ['auditor', 'post', '/v1/tier-risk-notices/tr-1/acknowledge'],
    ['auditor', 'get', '/v1/rejections'],
    ['reader', 'get', '/v1/exports/partner-status'],
    ['publisher', 'post', '/v1/admin/projections/rebuild'],
  ] as const)('answers 403 to %s on %s %s', async (role, method, path) => {
    const response = await t.http[method](path).set(t.as(role)).expect(403);
    expect(response.body.message).toMatch(/needs the \w+ role/);
  });

  it('lets a reader read, an auditor read and audit, and admin do everything', async () => {
    await t.http.get('/v1/badges').set(t.as('reader')).expect(200);
    await t.http.get('/v1/badges').set(t.as('auditor')).expect(200);
    await t.http.get('/v1/partners/P-none/history').set(t.as('auditor')).expect(404);
    await t.http.get('/v1/partners/P-none?asOf=2026-01-01').set(t.as('reader')).expect(403);
    await t.http.get('/v1/rejections').set(t.as('admin')).expect(200);
    await t.http.get('/v1/renewal-notices').set(t.as('admin')).expect(200);
  });

  it('leaves health, metrics and the OpenAPI document open', async () => {
    await t.http.get('/health/live').expect(200);
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    await t.http.get('/v1/partners/P-METRICS-1').set(t.as('reader')).expect(404);
    await t.http.post('/v1/events').set(t.as('publisher')).set('Content-Type', 'application/json').send('{"broken": ').expect(400);
    const metrics = (await t.http.get('/metrics').expect(200)).text;
    // Labelled by route template, never by raw path (ids would explode cardinality), with the
    // status the client got, including requests refused before the handler.
    expect(metrics).toMatch(/pp_http_requests_total\{method="GET",route="\/v1\/partners\/:partnerId",status="404"\} \d+/);
    expect(metrics).toMatch(/pp_http_requests_total\{method="POST",route="\/v1\/events",status="400"\} \d+/);
    expect(metrics).toMatch(/pp_http_request_seconds_count\{method="GET",route="\/v1\/partners\/:partnerId"\} \d+/);
    expect(metrics).not.toContain('P-METRICS-1');
    const docs = await t.http.get('/docs-json').expect(200);
    expect(Object.keys(docs.body.paths).sort()).toEqual([
      '/health/live',
      '/health/ready',
      '/metrics',
      '/v1/admin/projections/rebuild',
      '/v1/badges',
      '/v1/events',
      '/v1/exports/partner-status',
      '/v1/forecast',
      '/v1/me',
      '/v1/partners',
      '/v1/partners/{partnerId}',
      '/v1/partners/{partnerId}/chain-head',
      '/v1/partners/{partnerId}/forecast',
      '/v1/partners/{partnerId}/history',
      '/v1/partners/{partnerId}/timeline',
      '/v1/programme/close-to-next-tier',
      '/v1/programme/summary',
      '/v1/programme/tier-history',
      '/v1/rejections',
      '/v1/rejections/replay',
      '/v1/rejections/{id}/replay',
      '/v1/renewal-notices',
      '/v1/renewal-notices/{noticeId}/acknowledge',
      '/v1/tier-risk-notices',
      '/v1/tier-risk-notices/{noticeId}/acknowledge',
    ]);
  });
});

describe('API_KEYS as the contract writes it', () => {
  // `role:key` has no length rule in the contract: a service started with `admin:k1,…` serves
  // those keys (the start only warns that they are short).
  it('starts with short keys and serves each under its role', async () => {
    const short = await startTestApp({ env: { API_KEYS: 'admin:k1,reader:k2,publisher:k5' } });
    try {
      expect((await short.http.get('/v1/me').set('Authorization', 'Bearer k2').expect(200)).body).toEqual({ role: 'reader' });
      await short.http.post('/v1/events').set('Authorization', 'Bearer k2').send({}).expect(403);
      await short.http.get('/v1/rejections').set('Authorization', 'Bearer k1').expect(200);
      await short.http.get('/v1/me').set('Authorization', 'Bearer k3').expect(401);
    } finally {
      await short.close();
    }
  });
});
