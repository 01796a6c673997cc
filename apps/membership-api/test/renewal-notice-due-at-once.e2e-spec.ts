import { type TestApp, envelope, startTestApp } from './test-app';

// docs/programme-rules.md §1: "If an agreement is signed or discovered with fewer than 60 days left, the notice is due at once."

describe('the renewal notice of a term signed with fewer than 60 days left', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-05T00:00:00.000Z' });
  });
  afterAll(() => t.close());

  it('is due on the day of signing, listed as due then, and issued at the next tick', async () => {
    const partnerId = 'P-NOTICE-LATE';
    const terms = { agreementId: `A-${partnerId}`, effectiveFrom: '2026-12-04', expiresOn: '2027-01-15', businessModels: ['solution-provider'] };
    const signing = envelope('AgreementSigned', partnerId, terms, '2026-12-04T16:00:00Z');
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send(signing).expect(201);
    const status = await t.http.get(`/v1/partners/${partnerId}?minPosition=${body.position}`).set(t.as('reader')).expect(200);
    expect(status.body.agreement.renewalNotice).toEqual({ noticeId: expect.any(String), dueOn: '2026-12-04', status: 'pending' });
    const listed = await t.http.get('/v1/renewal-notices?status=pending').set(t.as('notifier')).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ partnerId, expiresOn: '2027-01-15', dueOn: '2026-12-04' })]);
    expect((await t.tick()).issued).toBe(1);
    const { body: history } = await t.http.get(`/v1/partners/${partnerId}/history`).set(t.as('auditor')).expect(200);
    expect(history.items.filter((e: { type: string }) => e.type === 'RenewalNoticeIssued')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ noticeId: status.body.agreement.renewalNotice.noticeId, dueOn: '2026-12-04' }) }),
    ]);
  });
});
