import { type TestApp, envelope, startTestApp } from './test-app';

// "404 for a partner with no events": a partner whose every message was refused has none. Its
// refusals are kept (the rejection log, and the stream's own record that a redelivery is told
// the same), but no status, listing, count or export shows it until a fact is accepted.

describe('a partner whose messages were all refused', () => {
  let t: TestApp;
  const partnerId = 'P-ONLY-REFUSED';
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is not found, listed or exported, while its refusal stays in its history and the rejection log', async () => {
    const refused = await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send(envelope('CreditsReversed', partnerId, { dealId: 'D-NONE' }))
      .expect(422);
    const at = `minPosition=${refused.body.position}`;
    const status = await t.http.get(`/v1/partners/${partnerId}?${at}`).set(t.as('reader')).expect(404);
    expect(status.body).toMatchObject({ statusCode: 404, message: `partner ${partnerId} has no accepted events` });
    await t.http.get(`/v1/partners/${partnerId}?asOf=2026-06-01&${at}`).set(t.as('auditor')).expect(404);
    await t.http.get(`/v1/partners/${partnerId}/timeline`).set(t.as('auditor')).expect(404);
    await t.http.get(`/v1/partners/${partnerId}/forecast`).set(t.as('reader')).expect(404);
    const listed = await t.http.get(`/v1/partners?area=vmc-on-aws&tier=none&${at}`).set(t.as('reader')).expect(200);
    expect(listed.body.items.map((item: { partnerId: string }) => item.partnerId)).not.toContain(partnerId);
    const exported = await t.http.get('/v1/exports/partner-status?asOf=2026-11-01').set(t.as('auditor')).expect(200);
    expect(exported.text).not.toContain(partnerId);

    const history = await t.http.get(`/v1/partners/${partnerId}/history`).set(t.as('auditor')).expect(200);
    expect(history.body.items.map((item: { type: string }) => item.type)).toEqual(['MessageRejected']);
    const rejections = await t.http.get(`/v1/rejections?${at}`).set(t.as('admin')).expect(200);
    expect(rejections.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ partnerId, code: 'deal-not-booked' })]));
  });

  it('is found once a fact of it is accepted', async () => {
    const terms = { agreementId: 'A-LATER', effectiveFrom: '2026-03-01', expiresOn: '2027-02-28', businessModels: ['solution-provider'] };
    const signed = await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send(envelope('AgreementSigned', partnerId, terms))
      .expect(201);
    const status = await t.http.get(`/v1/partners/${partnerId}?minPosition=${signed.body.position}`).set(t.as('reader')).expect(200);
    expect(status.body).toMatchObject({ partnerId, agreement: { agreementId: 'A-LATER', status: 'active' }, position: signed.body.position });
    await t.http.get(`/v1/partners/${partnerId}?asOf=2026-06-01`).set(t.as('auditor')).expect(200);
  });
});
