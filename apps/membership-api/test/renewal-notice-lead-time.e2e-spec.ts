import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARTNER_CONNECT_FY21 } from '@partner-program/domain';
import { type TestApp, envelope, startTestApp } from './test-app';

// The renewal notice's lead time is ruleset data: a RULESETS_FILE ruleset with 90 days makes the
// notices of terms set under it due 90 days before they end, in the status, the list and the issue.

describe('a ruleset with a 90-day renewal notice lead time', () => {
  let t: TestApp;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lead-time-')), 'rulesets.json');
    writeFileSync(file, JSON.stringify([{ ...PARTNER_CONNECT_FY21, id: 'fy26-long-notice', effectiveFrom: '2026-01-01', renewalNoticeDays: 90 }]));
    t = await startTestApp({ now: '2026-11-02T09:00:00.000Z', env: { RULESETS_FILE: file } });
  });
  afterAll(() => t.close());

  it('has the notice of a term signed under it due, listed and issued 90 days before the end', async () => {
    const partnerId = 'P-LEAD-90';
    const terms = { agreementId: 'A-LEAD-90', effectiveFrom: '2026-02-01', expiresOn: '2027-01-31', businessModels: ['solution-provider'] };
    const { body } = await t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send(envelope('AgreementSigned', partnerId, terms))
      .expect(201);
    const status = await t.http.get(`/v1/partners/${partnerId}?minPosition=${body.position}`).set(t.as('reader')).expect(200);
    expect(status.body).toMatchObject({ ruleset: 'fy26-long-notice', agreement: { renewalNotice: { dueOn: '2026-11-02', status: 'pending' } } });
    const listed = await t.http.get('/v1/renewal-notices?dueBefore=2026-11-02').set(t.as('notifier')).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ partnerId, dueOn: '2026-11-02' })]);
    expect((await t.tick()).issued).toBe(1);
    const { body: history } = await t.http.get(`/v1/partners/${partnerId}/history`).set(t.as('auditor')).expect(200);
    expect(history.items.filter((e: { type: string }) => e.type === 'RenewalNoticeIssued')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ expiresOn: '2027-01-31', dueOn: '2026-11-02' }) }),
    ]);
  });
});
