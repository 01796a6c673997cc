import { type TestApp, envelope, startTestApp } from './test-app';

// ── The hostile-input corpus of issue 10, over HTTP: each answer is specific, none is a 500 ─────

describe('hostile input over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());
  afterEach(async () => {
    await t.http.get('/health/live').expect(200);
  });

  describe('pagination cursors', () => {
    it.each([
      ['/v1/partners?area=vmc-on-aws&cursor=', 'reader'],
      ['/v1/renewal-notices?cursor=', 'notifier'],
    ] as const)('%s… answers 400 naming cursor for any cursor it did not hand out', async (path, role) => {
      for (const cursor of ['abc', 'W10', 'MQ', 'bnVsbA', '%E2%98%83']) {
        const response = await t.http.get(`${path}${cursor}`).set(t.as(role));
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining('cursor') });
      }
    });
  });

  describe('Content-Type', () => {
    it('a text/plain body gets 415 like every other Content-Type that is not JSON', async () => {
      const response = await t.http.post('/v1/events').set(t.as('publisher')).set('Content-Type', 'text/plain').send(JSON.stringify(envelope('DueDiligenceCompleted', 'P-TEXT', { outcome: 'approved' })));
      expect(response.status).toBe(415);
      expect(response.body).toMatchObject({ statusCode: 415, message: expect.stringMatching(/unsupported Content-Type: send application\/json/) });
    });
  });

  describe('the key and role are checked before the body is read', () => {
    const post = () => t.http.post('/v1/events').set('Content-Type', 'application/json');

    it('401 with WWW-Authenticate: Bearer without a key, whatever the body', async () => {
      for (const body of ['{"broken": ', 'x'.repeat(2 * 1024 * 1024)]) {
        const response = await post().send(body);
        expect(response.status).toBe(401);
        expect(response.headers['www-authenticate']).toBe('Bearer');
        expect(response.body).toMatchObject({ statusCode: 401, message: expect.stringMatching(/missing API key/) });
      }
      const forged = await post().set('Authorization', 'Bearer not-a-key-of-this-service').send('{"broken": ');
      expect(forged.status).toBe(401);
      expect(forged.headers['www-authenticate']).toBe('Bearer');
    });

    it('403 for a key without the role, before the body is parsed', async () => {
      const response = await post().set(t.as('reader')).send('{"broken": ');
      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(/needs the publisher role; the key has reader/);
    });

    it('unknown routes still answer 404, with or without a key', async () => {
      await t.http.get('/v1/nothing-here').expect(404);
      await t.http.post('/v1/nothing-here').set(t.as('admin')).send({}).expect(404);
    });

    it('the controllers still know the caller (actor of stored events)', async () => {
      const message = envelope('DueDiligenceCompleted', 'P-ACTOR', { outcome: 'approved' });
      await t.http.post('/v1/events').set(t.as('publisher')).send(message).expect(201);
      const history = await t.http.get('/v1/partners/P-ACTOR/history').set(t.as('auditor')).expect(200);
      expect(history.body.items[0].metadata).toMatchObject({ actor: { role: 'publisher' } });
    });
  });

  describe('/docs/ (trailing slash)', () => {
    it('serves the Swagger UI with assets that resolve', async () => {
      const page = await t.http.get('/docs/').expect(200);
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, 'http://x/docs/').pathname);
      expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-init.js']));
      for (const asset of assets) await t.http.get(asset).expect(200);
    });
  });
});
