import { type TestApp, envelope, startTestApp } from './test-app';

// The bad-input corpus over HTTP: each gets the right 4xx, the service stays up, nothing valid is lost.

const valid = () => envelope('DueDiligenceCompleted', 'P-CORPUS', { outcome: 'approved' });
const raw = (body: string) => ({ raw: body });

const CORPUS: [string, number, unknown][] = [
  ['malformed JSON', 400, raw('{"messageId": "x", ')],
  ['a JSON string', 400, raw('"hello"')],
  ['a JSON array', 400, raw('[1,2,3]')],
  ['wrong types', 400, { ...valid(), messageId: 42, occurredAt: true }],
  ['a huge messageId', 400, { ...valid(), messageId: 'm'.repeat(100_000) }],
  ['a path-like partnerId', 400, { ...valid(), partnerId: '../../etc/passwd' }],
  ['a future occurredAt', 400, { ...valid(), occurredAt: '2099-01-01T00:00:00Z' }],
  ['an unknown type', 400, { ...valid(), type: 'PartnerHacked' }],
  ['an unknown area', 400, envelope('CreditsBooked', 'P-CORPUS', { dealId: 'D-1', area: 'mainframes', credits: 10 })],
  ['negative credits', 400, envelope('CreditsBooked', 'P-CORPUS', { dealId: 'D-1', area: 'vmc-on-aws', credits: -5 })],
  ['over-precise credits', 400, envelope('CreditsBooked', 'P-CORPUS', { dealId: 'D-1', area: 'vmc-on-aws', credits: 1.005 })],
  ['an unknown data field', 400, envelope('DueDiligenceCompleted', 'P-CORPUS', { outcome: 'approved', score: 9 })],
  [
    'a __proto__ key',
    400,
    raw(
      `{"messageId":"p-1","type":"DueDiligenceCompleted","partnerId":"P-1","occurredAt":"2026-01-01T00:00:00Z","source":"x","data":{"outcome":"approved","__proto__":{"admin":true}}}`,
    ),
  ],
  ['a 10 MB body', 413, raw(JSON.stringify({ ...valid(), source: 'x'.repeat(10 * 1024 * 1024) }))],
];

describe('bad input over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(CORPUS)('%s → %i, and the service stays up', async (_name, status, body) => {
    const request = t.http.post('/v1/events').set(t.as('publisher')).set('Content-Type', 'application/json');
    const response = await (typeof body === 'object' && body !== null && 'raw' in body
      ? request.send((body as { raw: string }).raw)
      : request.send(body as object));
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
    await t.http.get('/health/live').expect(200);
  });

  it.each([
    ['a form body', 'application/x-www-form-urlencoded', 'messageId=m-1&type=DueDiligenceCompleted', 415, /unsupported Content-Type/],
    ['an XML body', 'application/xml', '<event/>', 415, /unsupported Content-Type/],
    ['plain text', 'text/plain', 'hello', 415, /unsupported Content-Type/],
    ['an empty JSON body', 'application/json', '', 400, /body must be a JSON object \(got undefined\)/],
  ])('%s (%s) is answered with its status and a clear message', async (_name, type, body, status, message) => {
    const response = await t.http.post('/v1/events').set(t.as('publisher')).set('Content-Type', type).send(body);
    expect(response.status).toBe(status);
    expect(response.body).toMatchObject({
      statusCode: status,
      error: status === 415 ? 'Unsupported Media Type' : 'Bad Request',
      message: expect.stringMatching(message),
    });
  });

  it('loses nothing valid sent between bad messages', async () => {
    const good = Array.from({ length: 20 }, (_, i) => envelope('TrainingCompleted', 'P-CORPUS-OK', { courseId: 'vsp-foundation', learnerId: `L-${i}` }));
    const mixed = good.flatMap((message, i) => [message, CORPUS[i % 12]![2]]).filter((m) => !(typeof m === 'object' && m !== null && 'raw' in m));
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events: mixed }).expect(200);
    expect(body.results.filter((r: { outcome: string }) => r.outcome === 'appended')).toHaveLength(20);
    const history = await t.http.get('/v1/partners/P-CORPUS-OK/history?limit=100').set(t.as('auditor')).expect(200);
    expect(history.body.items.map((e: { messageId: string }) => e.messageId)).toEqual(good.map((m) => m.messageId));
    expect(Object.prototype).not.toHaveProperty('admin');
  });
});
