import { KEYS, type TestApp, envelope, startTestApp } from './test-app';

// One JSON log line per request, with the id the response carries, and never an API key.

describe('request logs', () => {
  let t: TestApp;
  const lines: Record<string, any>[] = [];
  beforeAll(async () => {
    t = await startTestApp({ logLevel: 'debug', logDestination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  });
  afterAll(() => t.close());

  const logOf = (id: string | undefined) => lines.filter((line) => line.req?.id === id);

  it('logs each request with its id, method, url and status: 2xx at debug, 4xx at warn', async () => {
    const ok = await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .set('X-Request-Id', 'log-ok-1')
      .send(envelope('DueDiligenceCompleted', 'P-LOG', { outcome: 'approved' }))
      .expect(201);
    const missing = await t.http.get('/v1/partners/P-NOBODY').set(t.as('reader')).expect(404);
    expect(ok.headers['x-request-id']).toBe('log-ok-1');
    expect(logOf('log-ok-1')).toEqual([
      expect.objectContaining({ level: 20, req: expect.objectContaining({ method: 'POST', url: '/v1/events' }), res: { statusCode: 201 } }),
    ]);
    expect(logOf(missing.headers['x-request-id'])).toEqual([
      expect.objectContaining({ level: 40, req: expect.objectContaining({ method: 'GET', url: '/v1/partners/P-NOBODY' }), res: { statusCode: 404 } }),
    ]);
  });

  it('logs requests refused before a route (malformed JSON, no key) and never writes a key', async () => {
    const malformed = await t.http.post('/v1/events').set(t.as('publisher')).set('Content-Type', 'application/json').send('{"messageId": ').expect(400);
    const noKey = await t.http.get('/v1/partners/P-LOG').set('Authorization', 'Bearer not-a-key-0123456789').expect(401);
    expect(logOf(malformed.headers['x-request-id'])).toHaveLength(1);
    expect(logOf(noKey.headers['x-request-id'])).toEqual([expect.objectContaining({ res: { statusCode: 401 } })]);
    const everything = JSON.stringify(lines);
    for (const key of [...Object.values(KEYS), 'not-a-key-0123456789']) expect(everything).not.toContain(key);
  });
});
