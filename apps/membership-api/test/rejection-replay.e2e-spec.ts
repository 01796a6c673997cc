import { type TestApp, envelope, startTestApp } from './test-app';

// POST /v1/rejections/{id}/replay and /v1/rejections/replay: an admin's correction after a fix,
// recorded on the rejection; a client's retry of the message keeps its first outcome.

describe('replaying kept rejections (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const publish = (body: object) => t.http.post('/v1/events').set(t.as('publisher')).send(body);
  const rejectionOf = async (messageId: string, minPosition = 0) => {
    const { body } = await t.http.get(`/v1/rejections?limit=500&minPosition=${minPosition}`).set(t.as('admin')).expect(200);
    return (body.items as { id: number; messageId?: string; replays?: unknown[] }[]).find((r) => r.messageId === messageId)!;
  };
  const history = async (partnerId: string) => {
    const { body } = await t.http.get(`/v1/partners/${partnerId}/history?limit=500`).set(t.as('auditor')).expect(200);
    return body.items as { type: string; position: number; metadata: Record<string, unknown> }[];
  };

  it('a reversal refused before its booking is appended by a replay after the booking, once; a client retry still answers rejected', async () => {
    const reversal = envelope('CreditsReversed', 'P-RPL-1', { dealId: 'D-1' }, '2026-03-01T00:00:00Z');
    const refused = await publish(reversal).expect(422);
    expect(refused.body).toMatchObject({ outcome: 'rejected', code: 'deal-not-booked' });
    const rejection = await rejectionOf(reversal.messageId, refused.body.position);

    await publish(envelope('CreditsBooked', 'P-RPL-1', { dealId: 'D-1', area: 'vmc-on-aws', credits: 40 })).expect(201);
    const replayed = await t.http.post(`/v1/rejections/${rejection.id}/replay`).set(t.as('admin')).expect(200);
    expect(replayed.body).toEqual({
      id: rejection.id,
      messageId: reversal.messageId,
      outcome: 'appended',
      position: expect.any(Number),
      at: '2026-11-28T09:00:00.000Z',
      by: { role: 'admin', keyId: 'admin-1' },
      requestId: replayed.headers['x-request-id'],
    });

    const again = await t.http.post(`/v1/rejections/${rejection.id}/replay`).set(t.as('admin')).expect(200);
    expect(again.body).toEqual(replayed.body);
    const stored = (await history('P-RPL-1')).filter((e) => e.type === 'CreditsReversed');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      position: replayed.body.position,
      metadata: { actor: { role: 'admin', name: 'admin-1' }, causationId: `rejection:${rejection.id}` },
    });

    const retry = await publish(reversal).expect(422);
    expect(retry.body).toMatchObject({ outcome: 'rejected', code: 'deal-not-booked', position: refused.body.position });
    expect((await rejectionOf(reversal.messageId)).replays).toEqual([replayed.body].map(({ id: _id, messageId: _m, ...attempt }) => attempt));
  });

  it('an invalid message still invalid records the attempt and stays; once valid (the clock moved past its occurredAt) it is appended', async () => {
    const ahead = envelope('TrainingCompleted', 'P-RPL-2', { courseId: 'vsp-foundation', learnerId: 'L-1' }, '2026-11-28T12:00:00Z');
    await publish(ahead).expect(400);
    const rejection = await rejectionOf(ahead.messageId);
    const still = await t.http.post(`/v1/rejections/${rejection.id}/replay`).set(t.as('admin')).expect(200);
    expect(still.body).toMatchObject({ id: rejection.id, outcome: 'invalid', code: 'invalid', reason: expect.stringContaining('occurredAt') });
    t.clock.now = new Date('2026-11-28T13:00:00Z');
    try {
      const fixed = await t.http.post(`/v1/rejections/${rejection.id}/replay`).set(t.as('admin')).expect(200);
      expect(fixed.body).toMatchObject({ outcome: 'appended', position: expect.any(Number) });
      expect((await rejectionOf(ahead.messageId)).replays).toHaveLength(2);
    } finally {
      t.clock.now = new Date('2026-11-28T09:00:00Z');
    }
  });

  it('answers 403 without the admin role, 404 for an unknown id, 400 for a bad id, 409 for a payload kept cut', async () => {
    await t.http.post('/v1/rejections/1/replay').set(t.as('publisher')).expect(403);
    await t.http.post('/v1/rejections/replay').set(t.as('auditor')).send({}).expect(403);
    const unknown = await t.http.post('/v1/rejections/999999/replay').set(t.as('admin')).expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, message: 'no rejection 999999' });
    const bad = await t.http.post('/v1/rejections/x/replay').set(t.as('admin')).expect(400);
    expect(bad.body.message).toContain('id must be a positive integer');
    expect(new Set(bad.body.details.map((d: { path: string }) => d.path))).toEqual(new Set(['id']));

    const huge = envelope('TrainingCompleted', 'P-RPL-3', { courseId: 'c', learnerId: 'L-1', note: 'x'.repeat(70_000) });
    await publish(huge).expect(400);
    const cut = await rejectionOf(huge.messageId);
    const conflict = await t.http.post(`/v1/rejections/${cut.id}/replay`).set(t.as('admin')).expect(409);
    expect(conflict.body.message).toMatch(/kept only the first 65536 characters .* cannot be replayed/);
  });

  it('bulk: replays the matching entries in order (a dry run first), and validates its filter', async () => {
    const reversals = [1, 2].map((n) => ({ ...envelope('CreditsReversed', 'P-RPL-4', { dealId: `D-${n}` }, '2026-03-01T00:00:00Z'), source: 'bulk-crm' }));
    let position = 0;
    for (const r of reversals) position = (await publish(r).expect(422)).body.position;
    await publish(envelope('CreditsBooked', 'P-RPL-4', { dealId: 'D-2', area: 'vmc-on-aws', credits: 10 })).expect(201);
    await rejectionOf(reversals[1]!.messageId, position);

    const filter = { source: 'bulk-crm', code: 'deal-not-booked', type: 'CreditsReversed', outcome: 'rejected', receivedFrom: '2026-11-28' };
    const dry = await t.http
      .post('/v1/rejections/replay')
      .set(t.as('admin'))
      .send({ ...filter, dryRun: true })
      .expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, nextAfter: null, results: reversals.map((r) => ({ messageId: r.messageId, wouldReplay: true })) });
    const done = await t.http.post('/v1/rejections/replay').set(t.as('admin')).send(filter).expect(200);
    expect(done.body).toMatchObject({
      dryRun: false,
      results: [
        { messageId: reversals[0]!.messageId, outcome: 'rejected', code: 'deal-not-booked' },
        { messageId: reversals[1]!.messageId, outcome: 'appended' },
      ],
    });
    const invalid = await t.http.post('/v1/rejections/replay').set(t.as('admin')).send({ limit: 501, outcome: 'lost' }).expect(400);
    expect(invalid.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['limit', 'outcome']);
    await t.http.post('/v1/rejections/replay').set(t.as('admin')).expect(400);
    // null is not "left out": the document allows a boolean, an integer, a string or nothing.
    const nulls = await t.http.post('/v1/rejections/replay').set(t.as('admin')).send({ dryRun: null, after: null, code: null, receivedFrom: null }).expect(400);
    expect([...new Set(nulls.body.details.map((d: { path: string }) => d.path))].sort()).toEqual(['after', 'code', 'dryRun', 'receivedFrom']);
  });
});
