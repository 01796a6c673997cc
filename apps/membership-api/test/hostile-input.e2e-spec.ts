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

  describe('/docs/ (trailing slash)', () => {
    it('serves the Swagger UI with assets that resolve', async () => {
      const page = await t.http.get('/docs/').expect(200);
      const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, 'http://x/docs/').pathname);
      expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-init.js']));
      for (const asset of assets) await t.http.get(asset).expect(200);
    });
  });
});
