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

  /** Posts raw bytes as JSON with the publisher's key. */
  const postRaw = (body: string | Buffer) =>
    // Sent as the exact bytes given (superagent would otherwise serialise a Buffer as JSON).
    t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .set('Content-Type', 'application/json')
      .serialize((bytes: unknown) => bytes as string)
      .send(body as string);
  /** The rejection-log entries whose payload is exactly `payload` (the text as received). */
  const keptAs = async (payload: string) => {
    const { body } = await t.http.get('/v1/rejections?limit=1000').set(t.as('admin')).expect(200);
    return (body.items as { payload: string; reason: string; outcome: string }[]).filter((item) => item.payload === payload);
  };
  const noEventsFor = (partnerId: string) => t.http.get(`/v1/partners/${partnerId}/history`).set(t.as('auditor')).expect(404);
  const deepArray = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const text = (message: object) => JSON.stringify(message);

  describe('bodies JSON.parse cannot judge alone', () => {
    it('a top-level array nested 10,000 deep is 400 and kept as received', async () => {
      const body = deepArray(10_000);
      const response = await postRaw(body);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/nests deeper than \d+ levels/);
      expect(await keptAs(body)).toEqual([expect.objectContaining({ outcome: 'invalid', reason: expect.stringMatching(/nests deeper/) })]);
    });

    it("as one item of a batch it is that item's invalid result; the other items are stored; 200 with one result each", async () => {
      const [first, last] = [
        envelope('DueDiligenceCompleted', 'P-DEEP-A', { outcome: 'approved' }),
        envelope('DueDiligenceCompleted', 'P-DEEP-B', { outcome: 'approved' }),
      ];
      const deep = deepArray(10_000);
      const response = await postRaw(`{"events":[${text(first)},${deep},${text(last)}]}`);
      expect(response.status).toBe(200);
      expect(response.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['appended', 'invalid', 'appended']);
      expect(response.body.results[1].reason).toMatch(/nests deeper/);
      expect(await keptAs(deep)).toHaveLength(1);
    });

    it('an item that is not an envelope at all (a string, a number, null) is invalid in its place', async () => {
      const good = envelope('DueDiligenceCompleted', 'P-ODD-ITEMS', { outcome: 'approved' });
      const response = await postRaw(`{"events":["x",7,null,${text(good)}]}`);
      expect(response.status).toBe(200);
      expect(response.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['invalid', 'invalid', 'invalid', 'appended']);
    });

    it('messages whose data nests past 5,000 levels are each kept, as received, never merged', async () => {
      const bodies = ['a', 'b'].map(
        (id) =>
          `{"messageId":"deep-${id}","type":"DueDiligenceCompleted","partnerId":"P-DEEP-DATA","occurredAt":"2026-02-01T10:00:00Z","source":"e2e","data":${'{"x":'.repeat(6000)}1${'}'.repeat(6000)}}`,
      );
      for (const body of bodies) expect((await postRaw(body)).status).toBe(400);
      for (const body of bodies) expect(await keptAs(body)).toHaveLength(1);
      await noEventsFor('P-DEEP-DATA');
    });

    it('a huge invalid message is kept truncated with a marker; two that differ only at the end are both kept; a retry is kept once', async () => {
      const huge = (end: string) =>
        text({
          ...envelope('DueDiligenceCompleted', 'P-HUGE', { outcome: 'approved' }, '2026-02-01T10:00:00Z', 'huge-1'),
          source: `${'s'.repeat(200_000)}${end}`,
        });
      for (const body of [huge('a'), huge('b'), huge('a')]) expect((await postRaw(body)).status).toBe(400);
      const { body } = await t.http.get('/v1/rejections?limit=1000').set(t.as('admin')).expect(200);
      const kept = (body.items as { messageId?: string; payload: string }[]).filter((item) => item.messageId === 'huge-1');
      expect(kept).toHaveLength(2);
      for (const item of kept) expect(item.payload).toMatch(new RegExp(`…\\[truncated: ${huge('a').length} characters received, the first \\d+ kept\\]$`));
    });

    it('invalid UTF-8 in a string field is 400, nothing stored, and kept', async () => {
      const [head, tail] = text(envelope('TrainingCompleted', 'P-UTF8', { courseId: 'vsp-foundation', learnerId: 'L-@' })).split('@') as [string, string];
      const response = await postRaw(Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28]), Buffer.from(tail)]));
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/not valid UTF-8/);
      await noEventsFor('P-UTF8');
      const { body } = await t.http.get('/v1/rejections?limit=1000').set(t.as('admin')).expect(200);
      expect(body.items.some((item: { reason: string }) => /not valid UTF-8/.test(item.reason))).toBe(true);
    });

    it('a duplicate key is 400 naming it, whichever copy would have won', async () => {
      const credits = text(envelope('CreditsBooked', 'P-DUP', { dealId: 'D-1', area: 'vmc-on-aws', credits: 1 })).replace(
        '"credits":1',
        '"credits":1,"credits":1000000',
      );
      const moved = text(envelope('DueDiligenceCompleted', 'P-DUP', { outcome: 'approved' })).replace(
        '"partnerId":"P-DUP"',
        '"partnerId":"P-DUP","partnerId":"P-DUP-OTHER"',
      );
      for (const [body, path] of [
        [credits, 'data.credits'],
        [moved, 'partnerId'],
      ] as const) {
        const response = await postRaw(body);
        expect(response.status).toBe(400);
        expect(response.body.details).toEqual(expect.arrayContaining([{ path, message: `${path} is given more than once (duplicate key)` }]));
        expect(await keptAs(body)).toHaveLength(1);
      }
      await noEventsFor('P-DUP');
      await noEventsFor('P-DUP-OTHER');
    });

    it('a number is judged as written: 1.000000000000000000001 is not 1, while 1.10 and 1e2 are fine', async () => {
      const inexact = text(envelope('CreditsBooked', 'P-EXACT', { dealId: 'D-1', area: 'vmc-on-aws', credits: 7 })).replace(
        '"credits":7',
        '"credits":1.000000000000000000001',
      );
      const response = await postRaw(inexact);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ path: 'data.credits', message: expect.stringMatching(/^data.credits is not exactly representable/) }]);
      await noEventsFor('P-EXACT');
      for (const [literal, deal] of [
        ['1.10', 'D-2'],
        ['1e2', 'D-3'],
      ]) {
        const same = text(envelope('CreditsBooked', 'P-EXACT-OK', { dealId: deal, area: 'vmc-on-aws', credits: 7 })).replace(
          '"credits":7',
          `"credits":${literal}`,
        );
        expect((await postRaw(same)).status).toBe(201);
      }
    });

    it('the same problems inside a batch make only that item invalid, each kept with its own text', async () => {
      const good = envelope('DueDiligenceCompleted', 'P-BATCH-DUP', { outcome: 'approved' });
      const dup = text(envelope('CreditsBooked', 'P-BATCH-DUP', { dealId: 'D-1', area: 'vmc-on-aws', credits: 1 })).replace(
        '"credits":1',
        '"credits":1,"credits":2',
      );
      const response = await postRaw(`{"events":[${dup}, ${text(good)}]}`);
      expect(response.status).toBe(200);
      expect(response.body.results).toEqual([
        expect.objectContaining({ outcome: 'invalid', problems: [{ path: 'data.credits', message: 'data.credits is given more than once (duplicate key)' }] }),
        expect.objectContaining({ outcome: 'appended' }),
      ]);
      expect(await keptAs(dup)).toHaveLength(1);
    });

    it('a body that is not a message or a batch is 400 and kept with its reason', async () => {
      for (const [body, reason] of [
        ['{"broken": ', /malformed JSON/],
        ['{"events":[]}', /events must hold at least one event/],
        ['{"events":[{}],"extra":1}', /extra is not an allowed field \(allowed: events\)/],
      ] as const) {
        const response = await postRaw(body);
        expect(response.status).toBe(400);
        expect(response.body.message).toMatch(reason);
        expect(await keptAs(body)).toEqual([expect.objectContaining({ reason: expect.stringMatching(reason) })]);
      }
    });
  });

  describe('minPosition on every read', () => {
    const reads = (partnerId: string, minPosition: string) => [
      t.http.get(`/v1/partners/${partnerId}/history?minPosition=${minPosition}`).set(t.as('auditor')),
      t.http.get(`/v1/partners/${partnerId}/timeline?minPosition=${minPosition}`).set(t.as('auditor')),
      t.http.get(`/v1/partners/${partnerId}?asOf=2026-03-01&minPosition=${minPosition}`).set(t.as('auditor')),
      t.http.get(`/v1/rejections?minPosition=${minPosition}`).set(t.as('admin')),
    ];

    it('is validated on /history, /timeline, asOf and /v1/rejections', async () => {
      for (const response of await Promise.all(reads('P-MINPOS', 'abc'))) {
        expect(response.status).toBe(400);
        expect(response.body.message).toBe('minPosition must be a non-negative integer');
      }
    });

    it('holds each of them until the read models reach it', async () => {
      const first = await t.http
        .post('/v1/events')
        .set(t.as('publisher'))
        .send(envelope('DueDiligenceCompleted', 'P-MINPOS', { outcome: 'approved' }))
        .expect(201);
      let answered = 0;
      const waiting = reads('P-MINPOS', String(first.body.position + 1)).map((read) => read.then((response) => ((answered += 1), response)));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(0);
      await t.http
        .post('/v1/events')
        .set(t.as('publisher'))
        .send(envelope('TrainingCompleted', 'P-MINPOS', { courseId: 'vsp-foundation', learnerId: 'L-1' }))
        .expect(201);
      const answers = await Promise.all(waiting);
      expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      expect(answers[0]!.body.items).toHaveLength(2);
    });
  });

  describe('Content-Type', () => {
    it('a text/plain body gets 415 like every other Content-Type that is not JSON', async () => {
      const response = await t.http
        .post('/v1/events')
        .set(t.as('publisher'))
        .set('Content-Type', 'text/plain')
        .send(JSON.stringify(envelope('DueDiligenceCompleted', 'P-TEXT', { outcome: 'approved' })));
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
