import { type TestApp, envelope, startTestApp } from './test-app';

// Per-key limits (per address without a valid key), 429 with Retry-After, and requests counted for
// what they cost: the events of a batch and the wait of a minPosition read. A 60 s window keeps
// every test inside one window.

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_WINDOW_S: '60', RATE_LIMIT_PER_KEY: '100', RATE_LIMIT_PER_ADDRESS: '10' } });
  });
  afterAll(() => t.close());

  const statuses = async (count: number, send: () => PromiseLike<{ status: number }>) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await send()).status);
    return seen;
  };

  it('limits each key on its own, answering 429 with Retry-After', async () => {
    const seen = await statuses(105, () => t.http.get('/v1/badges').set(t.as('reader')));
    expect(seen.slice(0, 100).every((s) => s === 200)).toBe(true);
    expect(seen.slice(100)).toEqual([429, 429, 429, 429, 429]);
    const refused = await t.http.get('/v1/badges').set(t.as('reader')).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/rate limit reached for this API key/) });
    await t.http.get('/v1/badges').set(t.as('auditor')).expect(200);
  });

  it('limits calls without a valid key by address, before answering 401, forged keys included', async () => {
    const seen = await statuses(12, () => t.http.get('/v1/badges').set('Authorization', `Bearer forged-${Math.random()}`));
    expect(seen).toEqual([...Array(10).fill(401), 429, 429]);
    await t.http.get('/health/live').expect(429);
    await t.http.get('/health/live').set(t.as('notifier')).expect(200);
  });

  it('counts each event of a batch, before any is stored: a batch over what is left is refused whole', async () => {
    const batch = (size: number, partnerId: string) => ({
      events: Array.from({ length: size }, (_, i) => envelope('TrainingCompleted', partnerId, { courseId: 'vsp-foundation', learnerId: `L-${i}` })),
    });
    const big = await t.http.post('/v1/events').set(t.as('admin')).send(batch(101, 'P-RATE-BIG'));
    expect([big.status, big.body.message]).toEqual([429, expect.stringMatching(/rate limit reached for this API key/)]);
    // 60 points (the request and 59 more events), then 60 more: over the 100 of the window.
    await t.http.post('/v1/events').set(t.as('publisher')).send(batch(60, 'P-RATE-A')).expect(200);
    await t.http.post('/v1/events').set(t.as('publisher')).send(batch(60, 'P-RATE-B')).expect(429);
    await t.http.get('/v1/partners/P-RATE-BIG/history').set(t.as('auditor')).expect(404);
    await t.http.get('/v1/partners/P-RATE-B/history').set(t.as('auditor')).expect(404);
    const stored = await t.http.get('/v1/partners/P-RATE-A/history?limit=100').set(t.as('auditor')).expect(200);
    expect(stored.body.items).toHaveLength(60);
  });

  it('counts a minPosition read by its wait: 5 s of waiting costs 50 points more, an immediate answer nothing more', async () => {
    const seen = await statuses(45, () => t.http.get('/v1/renewal-notices?minPosition=0').set(t.as('notifier')));
    expect(seen.every((s) => s === 200)).toBe(true);
    await t.http.get('/v1/renewal-notices?minPosition=999999').set(t.as('notifier')).expect(503);
    // 45 + 1 + 50 of 100 points spent: at most 4 plain reads are left (fewer if a read itself took
    // 100 ms or more), where without counting the wait there would be 54.
    const after = await statuses(10, () => t.http.get('/v1/renewal-notices').set(t.as('notifier')));
    const answered = after.filter((s) => s === 200).length;
    expect(answered).toBeGreaterThanOrEqual(1);
    expect(answered).toBeLessThanOrEqual(4);
    expect(after.slice(answered).every((s) => s === 429)).toBe(true);
  }, 15_000);
});
