import { type TestApp, envelope, startTestApp } from './test-app';

describe('POST /v1/events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (body: unknown) =>
    t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send(body as object);

  it('answers 201 appended with the position, then 200 duplicate with the same position', async () => {
    const message = envelope('TrainingCompleted', 'P-ING-1', { courseId: 'vsp-foundation', learnerId: 'L-1' });
    const first = await post(message).expect(201);
    expect(first.body).toEqual({ messageId: message.messageId, outcome: 'appended', position: expect.any(Number) });
    const again = await post({ ...message, occurredAt: '2026-02-01T10:00:00.000+00:00' }).expect(200);
    expect(again.body).toEqual({ messageId: message.messageId, outcome: 'duplicate', position: first.body.position });
  });

  it('answers 400 invalid naming each broken rule, and keeps the message for operators', async () => {
    const bad = {
      messageId: 'bad-1',
      type: 'CreditsBooked',
      partnerId: '../etc',
      occurredAt: '2026-02-01T10:00:00Z',
      source: 'crm',
      data: { dealId: 'D-1', area: 'quantum', credits: -1 },
    };
    const response = await post(bad).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', messageId: 'bad-1', outcome: 'invalid' });
    expect(response.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['data.area', 'data.credits', 'partnerId']);
    const rejections = await t.http.get('/v1/rejections').set(t.as('admin')).expect(200);
    expect(rejections.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ messageId: 'bad-1', outcome: 'invalid', code: 'invalid' })]));
  });

  it('answers 422 rejected with the domain code, and keeps it', async () => {
    const response = await post(envelope('CreditsReversed', 'P-ING-2', { dealId: 'D-404' })).expect(422);
    expect(response.body).toMatchObject({ statusCode: 422, outcome: 'rejected', code: 'deal-not-booked', position: expect.any(Number) });
    const rejections = await t.http.get(`/v1/rejections?minPosition=${response.body.position}`).set(t.as('admin')).expect(200);
    expect(rejections.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'deal-not-booked', position: response.body.position })]));
  });

  it("answers a client's retry of a refused message with the original refusal, though later messages would accept it now", async () => {
    const reversal = envelope('CreditsReversed', 'P-ING-R', { dealId: 'D-R' });
    const refused = await post(reversal).expect(422);
    await post(envelope('CreditsBooked', 'P-ING-R', { dealId: 'D-R', area: 'vmc-on-aws', credits: 5 })).expect(201);
    const retried = await post(reversal).expect(422);
    expect(retried.body).toMatchObject({ code: 'deal-not-booked', position: refused.body.position });
    const history = await t.http.get('/v1/partners/P-ING-R/history').set(t.as('auditor')).expect(200);
    expect(history.body.items.map((item: { type: string }) => item.type)).toEqual(['MessageRejected', 'CreditsBooked']);
    expect(history.body.items[0]).toMatchObject({
      messageId: reversal.messageId,
      data: { code: 'deal-not-booked', message: { type: 'CreditsReversed', data: { dealId: 'D-R' } } },
    });
  });

  it('refuses a renewal dated after the agreement expired (422 agreement-not-active), renews one on its last day', async () => {
    const renewal = (partnerId: string, occurredAt: string) =>
      envelope('AgreementRenewed', partnerId, { agreementId: `A-${partnerId}`, expiresOn: '2027-12-31' }, occurredAt);
    for (const partnerId of ['P-ING-LATE', 'P-ING-ONTIME']) {
      const terms = { agreementId: `A-${partnerId}`, effectiveFrom: '2026-01-01', expiresOn: '2026-06-30', businessModels: ['solution-provider'] };
      await post(envelope('AgreementSigned', partnerId, terms, '2026-01-01T00:00:00Z')).expect(201);
    }
    const late = await post(renewal('P-ING-LATE', '2026-07-01T00:00:00Z')).expect(422);
    expect(late.body).toMatchObject({ outcome: 'rejected', code: 'agreement-not-active', message: expect.stringContaining('expired on 2026-06-30') });
    await post(renewal('P-ING-ONTIME', '2026-06-30T23:59:59Z')).expect(201);
  });

  it('rejects a messageId reused with different content (422), also across partners', async () => {
    const original = envelope('TrainingCompleted', 'P-ING-3', { courseId: 'vsp-foundation', learnerId: 'L-1' });
    await post(original).expect(201);
    const changed = { ...original, data: { courseId: 'vsp-foundation', learnerId: 'L-2' } };
    expect((await post(changed).expect(422)).body.code).toBe('message-id-reused');
    expect((await post({ ...original, partnerId: 'P-ING-OTHER' }).expect(422)).body.code).toBe('message-id-reused');
  });

  it('answers a batch with one result per message, in order', async () => {
    const ok = envelope('DueDiligenceCompleted', 'P-ING-4', { outcome: 'approved' });
    const response = await post({ events: [ok, { nonsense: true }, envelope('CreditsReversed', 'P-ING-4', { dealId: 'nope' }), ok] }).expect(200);
    expect(response.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['appended', 'invalid', 'rejected', 'duplicate']);
    expect(response.body.results[3].position).toBe(response.body.results[0].position);
  });

  it('refuses batches over 500, empty batches and extra fields', async () => {
    const many = Array.from({ length: 501 }, (_, i) => envelope('DueDiligenceCompleted', `P-B-${i}`, { outcome: 'approved' }));
    expect((await post({ events: many }).expect(400)).body.message).toMatch(/at most 500/);
    await post({ events: [] }).expect(400);
    await post({ events: [many[0]], extra: 1 }).expect(400);
  });

  it('answers 400 for malformed JSON and 413 for a body over the limit, and stays up', async () => {
    const malformed = await t.http.post('/v1/events').set(t.as('publisher')).set('Content-Type', 'application/json').send('{"messageId": ').expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/malformed JSON/) });
    const huge = JSON.stringify({ events: [envelope('DueDiligenceCompleted', 'P-1', { outcome: 'approved', pad: 'x'.repeat(10 * 1024 * 1024) })] });
    const tooLarge = await t.http.post('/v1/events').set(t.as('publisher')).set('Content-Type', 'application/json').send(huge).expect(413);
    expect(tooLarge.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    await t.http.get('/health/live').expect(200);
  });
});
