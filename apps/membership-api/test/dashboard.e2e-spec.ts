import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DASHBOARD_CSP } from '../src/dashboard/serve-dashboard';
import { KEYS, type TestApp, startTestApp } from './test-app';

// ── /ui serves the dashboard's files without a key; /v1/me tells a key its role ──────────────
// The files here stand in for the bundle (the browser tests, test/browser, load the real one).

describe('the dashboard at /ui', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-ui-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>partner-program</title><script type="module" src="app.js"></script>');
    writeFileSync(join(dir, 'app.js'), 'export {};');
    t = await startTestApp({ dashboardDir: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page and its script without an API key, under a strict Content-Security-Policy', async () => {
    const page = await t.http.get('/ui/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<title>partner-program</title>');
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await t.http.get('/ui/app.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
  });

  it('sends /ui to /ui/ so the page’s relative URLs resolve under it', async () => {
    const answer = await t.http.get('/ui').expect(301);
    expect(answer.headers['location']).toBe('/ui/');
  });

  it('answers 404 for a file it does not have, and serves nothing outside its folder', async () => {
    await t.http.get('/ui/missing.js').expect(404);
    await t.http.get('/ui/..%2f..%2fpackage.json').expect(404);
  });

  it('still asks a key of the API routes', async () => {
    await t.http.get('/v1/badges').expect(401);
  });
});

describe('GET /v1/me', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers the role of any valid key, whatever the role', async () => {
    for (const role of Object.keys(KEYS) as (keyof typeof KEYS)[]) {
      expect((await t.http.get('/v1/me').set(t.as(role)).expect(200)).body).toEqual({ role });
    }
  });

  it('refuses no key and an unknown key with 401', async () => {
    await t.http.get('/v1/me').expect(401);
    const wrong = await t.http.get('/v1/me').set({ Authorization: 'Bearer not-a-key-0123456789' }).expect(401);
    expect(wrong.body.message).toBe('unknown API key');
  });
});

describe('/ui on a checkout that was not built', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-ui-empty-'));
    t = await startTestApp({ dashboardDir: join(dir, 'absent') });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says how to build it', async () => {
    expect((await t.http.get('/ui').expect(404)).body.message).toBe('the dashboard is not built: run npm run build');
  });
});
