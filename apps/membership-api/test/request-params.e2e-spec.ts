import { type TestApp, envelope, startTestApp } from './test-app';

// ── Path and query parameters are judged by their route's DTO: 400 naming each bad one ────────

describe('parameters checked by the route DTOs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([
    ['/v1/partners', 'admin', 'area is required'],
    ['/v1/partners?area=mainframes', 'admin', 'area must be one of data-center-virtualization'],
    ['/v1/partners?area=vmc-on-aws&tier=gold', 'admin', 'tier must be one of partner, advanced, principal, none'],
    ['/v1/partners?area=vmc-on-aws&limit=0', 'admin', 'limit must be an integer from 1 to 1000'],
    ['/v1/partners?area=vmc-on-aws&limit=1.5', 'admin', 'limit must be an integer from 1 to 1000'],
    ['/v1/partners?area=vmc-on-aws&limit=1&limit=2', 'admin', 'limit must be given once'],
    ['/v1/partners?area=vmc-on-aws&colour=red', 'admin', 'colour is not an allowed field (allowed: area, tier, cursor, limit, minPosition)'],
    ['/v1/partners?area=vmc-on-aws&minPosition=-1', 'admin', 'minPosition must be a non-negative integer'],
    ['/v1/partners/P-1?asOf=2021-02-30', 'auditor', 'asOf must be a real date (YYYY-MM-DD) or an ISO-8601 timestamp with offset'],
    ['/v1/partners/P-1/timeline?to=yesterday', 'auditor', 'to must be a real date'],
    ['/v1/partners/P-1/history?from=-3', 'auditor', 'from must be a non-negative integer'],
    ['/v1/partners/P%3A1', 'reader', 'partnerId may only contain letters, digits and . _ - (found ":" at position 2)'],
    ['/v1/renewal-notices?dueBefore=2021-13-01', 'notifier', 'dueBefore must be a real date YYYY-MM-DD'],
    ['/v1/rejections?after=x', 'admin', 'after must be a non-negative integer'],
  ])('GET %s answers 400: %s', async (path, role, message) => {
    const response = await t.http
      .get(path)
      .set(t.as(role as 'admin'))
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(message), details: expect.any(Array) });
  });

  it('passes valid parameters through, decoded', async () => {
    const page = await t.http.get('/v1/partners?area=vmc-on-aws&tier=none&limit=5&minPosition=0').set(t.as('reader')).expect(200);
    expect(page.body).toEqual({ items: [], nextCursor: null });
    await t.http.get('/v1/rejections?after=0&limit=1000').set(t.as('admin')).expect(200);
  });

  // A `+` written into a URL as is arrives as a space (form decoding): `asOf=…T00:00:00+02:00`
  // typed by a client was a 400; it is the offset the client wrote.
  it('reads a timestamp whose + offset was sent unencoded as that offset', async () => {
    const partnerId = 'P-PLUS-1';
    const { body } = await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send(envelope('DueDiligenceCompleted', partnerId, { outcome: 'approved' }))
      .expect(201);
    const plain = await t.http.get(`/v1/partners/${partnerId}?asOf=2026-06-01T00:00:00+02:00&minPosition=${body.position}`).set(t.as('auditor')).expect(200);
    expect(plain.body.evaluatedAt).toBe('2026-05-31T22:00:00.000Z');
    const encoded = await t.http.get(`/v1/partners/${partnerId}?asOf=2026-06-01T00:00:00%2B02:00`).set(t.as('auditor')).expect(200);
    expect(encoded.body.evaluatedAt).toBe('2026-05-31T22:00:00.000Z');
    await t.http.get(`/v1/partners/${partnerId}?asOf=2026-06-01 02:00`).set(t.as('auditor')).expect(400);
  });
});
