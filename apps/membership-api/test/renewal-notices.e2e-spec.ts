import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

describe('renewal notices', () => {
  let t: TestApp;
  let second: TestApp;
  const partnerId = 'P-NOTICE-1';

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-05T00:00:00.000Z' });
    // A second scheduler on the same DATA_DIR, as a second process would be.
    second = await startTestApp({ now: '2026-12-05T00:00:00.000Z', dataDir: t.dataDir, background: false });
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const notices = async (query: string, minPosition?: number) =>
    (
      await t.http
        .get(`/v1/renewal-notices?${query}${minPosition ? `&minPosition=${minPosition}` : ''}`)
        .set(t.as('notifier'))
        .expect(200)
    ).body.items;
  const issuedInHistory = async () => {
    const { body } = await t.http.get(`/v1/partners/${partnerId}/history?limit=1000`).set(t.as('auditor')).expect(200);
    return body.items.filter((e: { type: string }) => e.type === 'RenewalNoticeIssued');
  };

  it('shows a pending notice due 60 days before expiry, issues it once with two schedulers racing', async () => {
    const { body } = await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send({ events: goodStandingEnvelopes(partnerId, '2027-01-31') })
      .expect(200);
    const position = Math.max(...body.results.map((r: { position: number }) => r.position));
    const pending = await notices('status=pending&dueBefore=2026-12-31', position);
    expect(pending).toEqual([
      expect.objectContaining({ partnerId, agreementId: `A-${partnerId}`, expiresOn: '2027-01-31', dueOn: '2026-12-02', status: 'pending' }),
    ]);
    const results = await Promise.all([t.tick(), second.tick(), t.tick(), second.tick()]);
    expect(results.reduce((sum, r) => sum + r.issued, 0)).toBe(1);
    expect(await issuedInHistory()).toHaveLength(1);
    await t.tick();
    expect(await issuedInHistory()).toHaveLength(1);
  });

  it('lists the issued notice and acknowledges it idempotently', async () => {
    const [issued] = await issuedInHistory();
    const { noticeId } = issued.data;
    const listed = await notices('status=issued', issued.position);
    expect(listed).toEqual([expect.objectContaining({ noticeId, status: 'issued' })]);
    const first = await t.http.post(`/v1/renewal-notices/${noticeId}/acknowledge`).set(t.as('notifier')).expect(200);
    expect(first.body).toEqual({ noticeId, status: 'acknowledged', position: expect.any(Number) });
    const again = await t.http.post(`/v1/renewal-notices/${noticeId}/acknowledge`).set(t.as('notifier')).expect(200);
    expect(again.body).toEqual({ noticeId, status: 'acknowledged', alreadyAcknowledged: true });
    expect(await notices('status=acknowledged', first.body.position)).toEqual([expect.objectContaining({ noticeId })]);
    await t.http.post('/v1/renewal-notices/rn-unknown/acknowledge').set(t.as('notifier')).expect(404);
  });

  it('cancels the pending notice when the agreement is renewed before it is due', async () => {
    const other = 'P-NOTICE-2';
    await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send({ events: goodStandingEnvelopes(other, '2027-12-31') })
      .expect(200);
    const renewal = envelope('AgreementRenewed', other, { agreementId: `A-${other}`, expiresOn: '2028-12-31' }, '2026-12-04T00:00:00Z');
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send(renewal).expect(201);
    const cancelled = await notices('status=cancelled', body.position);
    expect(cancelled).toEqual([expect.objectContaining({ partnerId: other, expiresOn: '2027-12-31', status: 'cancelled' })]);
    expect(await notices('status=pending')).toEqual(
      expect.arrayContaining([expect.objectContaining({ partnerId: other, expiresOn: '2028-12-31', dueOn: '2028-11-01' })]),
    );
  });

  it('answers 409 with a code for a listed notice that is not issued (pending) or was cancelled, 404 for an unknown one', async () => {
    const other = 'P-NOTICE-2';
    const ofOther = (status: string) => notices(`status=${status}`).then((items) => items.find((n: { partnerId: string }) => n.partnerId === other));
    for (const [status, code] of [
      ['pending', 'notice-not-issued'],
      ['cancelled', 'notice-cancelled'],
    ] as const) {
      const { noticeId } = await ofOther(status);
      const response = await t.http.post(`/v1/renewal-notices/${noticeId}/acknowledge`).set(t.as('notifier')).expect(409);
      expect(response.body).toMatchObject({ statusCode: 409, error: 'Conflict', code });
    }
    expect((await ofOther('pending')).status).toBe('pending');
    await t.http.post('/v1/renewal-notices/rn-unknown/acknowledge').set(t.as('notifier')).expect(404);
  });
});
