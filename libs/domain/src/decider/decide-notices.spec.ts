import { foldEvents } from '../as-of';
import { PARTNER_CONNECT_FY21 } from '../rules/partner-connect-fy21';
import { DEFAULT_CATALOG, createRulesetCatalog } from '../rules/ruleset-catalog';
import { decide } from './decide';
import { noticeDueOn, renewalNoticeId } from '../evaluation/agreement-view';
import { BACKEND_SOURCE } from '../events/event';
import type { PartnerEvent } from '../events/partner-event';
import { toMillis } from '../support/time';
import { PARTNER, given } from '../testing/given';
import { renewed, signed } from '../testing/facts';

const issueAt = (now: string) => ({ type: 'IssueDueRenewalNotice' as const, partnerId: PARTNER, now });
const acknowledge = (noticeId: string, now = '2021-11-20T00:00:00.000Z') => ({ type: 'AcknowledgeRenewalNotice' as const, partnerId: PARTNER, noticeId, now });

describe('decide: renewal notices', () => {
  const agreement = signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31');
  const noticeId = renewalNoticeId(PARTNER, 'A-1', '2021-12-31');
  const issued: PartnerEvent = {
    type: 'RenewalNoticeIssued',
    data: { noticeId, agreementId: 'A-1', expiresOn: '2021-12-31', dueOn: '2021-11-01' },
    meta: { messageId: `notice-issued:${noticeId}`, occurredAt: '2021-11-01T00:00:00.000Z', source: BACKEND_SOURCE },
  };

  it('is due 60 days before expiresOn', () => {
    expect(noticeDueOn(DEFAULT_CATALOG, '2021-12-31', toMillis('2021-01-01'))).toBe('2021-11-01');
    expect(noticeDueOn(DEFAULT_CATALOG, '2027-01-31', toMillis('2026-02-01'))).toBe('2026-12-02');
    expect(noticeDueOn(DEFAULT_CATALOG, '2027-01-31', toMillis('2026-12-20T23:00:00Z'))).toBe('2026-12-20');
  });

  it("takes the lead time of the ruleset in force when the term was set (before the first ruleset, the first one's)", () => {
    const longer = { ...PARTNER_CONNECT_FY21, id: 'fy27', effectiveFrom: '2026-01-01', renewalNoticeDays: 90 };
    const catalog = createRulesetCatalog([PARTNER_CONNECT_FY21, longer]);
    expect(noticeDueOn(catalog, '2027-01-31', toMillis('2026-02-01'))).toBe('2026-11-02');
    expect(noticeDueOn(catalog, '2027-01-31', toMillis('2025-12-31T23:59:59Z'))).toBe('2026-12-02');
    expect(noticeDueOn(createRulesetCatalog([longer]), '2025-12-31', toMillis('2019-01-01'))).toBe('2025-10-02');
    // Issued on the 90-day date under that ruleset, and not before it.
    const term = foldEvents([signed('2026-02-01', 'A-9', '2026-02-01', '2027-01-31')]);
    const issue = (now: string) => decide({ type: 'IssueDueRenewalNotice', partnerId: PARTNER, now }, term, catalog);
    expect(issue('2026-11-01T23:59:59.999Z')).toEqual({ kind: 'accepted', events: [] });
    expect(issue('2026-11-02T00:00:00.000Z')).toMatchObject({ kind: 'accepted', events: [{ type: 'RenewalNoticeIssued', data: { dueOn: '2026-11-02' } }] });
  });

  it('issues nothing before the due date, and the notice on it', () => {
    given(agreement).when(issueAt('2021-10-31T23:59:59.999Z')).then();
    given(agreement).when(issueAt('2021-11-01T00:00:00.000Z')).then(issued);
  });

  it('issues at most once per agreement term', () => {
    given(agreement, issued).when(issueAt('2021-11-20T00:00:00.000Z')).then();
  });

  it('issues at once, due on the day of signing, for an agreement signed with fewer than 60 days left', () => {
    const late = signed('2021-12-01T10:00:00Z', 'A-9', '2021-12-01', '2021-12-31');
    const decision = given(late).when(issueAt('2021-12-01T10:00:30.000Z')).decision;
    expect(decision).toMatchObject({ kind: 'accepted', events: [{ type: 'RenewalNoticeIssued', data: { agreementId: 'A-9', dueOn: '2021-12-01' } }] });
  });

  it('is due 60 days before the end for a term signed exactly 60 or 61 days before it', () => {
    const dueOf = (signedOn: string) => {
      const decision = given(signed(signedOn, 'A-1', signedOn, '2021-12-31')).when(issueAt('2021-11-01T00:00:00Z')).decision;
      return decision.kind === 'accepted' ? decision.events.map((event) => (event.data as { dueOn?: string }).dueOn) : decision;
    };
    expect(dueOf('2021-11-01')).toEqual(['2021-11-01']);
    expect(dueOf('2021-10-31')).toEqual(['2021-11-01']);
  });

  it('is due at once for a renewed term with fewer than 60 days left, on the day of the renewal', () => {
    const renewal = renewed('2021-12-20', 'A-1', '2022-01-31');
    const decided = given(agreement).when(renewal).decision;
    if (decided.kind !== 'accepted') throw new Error('renewal refused');
    const decision = given(agreement, ...decided.events).when(issueAt('2021-12-20T00:01:00Z')).decision;
    expect(decision).toMatchObject({ kind: 'accepted', events: [{ data: { expiresOn: '2022-01-31', dueOn: '2021-12-20' } }] });
  });

  it('issues a new notice for the renewed term, not the cancelled one', () => {
    const renewal = renewed('2021-06-01', 'A-1', '2022-12-31');
    const cancelled = given(agreement).when(renewal).decision;
    if (cancelled.kind !== 'accepted') throw new Error('renewal refused');
    given(agreement, ...cancelled.events)
      .when(issueAt('2021-11-15T00:00:00Z'))
      .then();
    const decision = given(agreement, ...cancelled.events).when(issueAt('2022-11-01T00:00:00Z')).decision;
    expect(decision).toMatchObject({
      kind: 'accepted',
      events: [{ data: { noticeId: renewalNoticeId(PARTNER, 'A-1', '2022-12-31'), expiresOn: '2022-12-31' } }],
    });
  });

  it('issues nothing without an agreement, or for a term already over', () => {
    given().when(issueAt('2021-11-15T00:00:00Z')).then();
    given(agreement).when(issueAt('2022-01-01T00:00:00Z')).then();
  });

  it('acknowledges an issued notice once; a second acknowledgement changes nothing', () => {
    const ack: PartnerEvent = {
      type: 'RenewalNoticeAcknowledged',
      data: { noticeId },
      meta: { messageId: `notice-acknowledged:${noticeId}`, occurredAt: '2021-11-20T00:00:00.000Z', source: BACKEND_SOURCE },
    };
    given(agreement, issued).when(acknowledge(noticeId)).then(ack);
    given(agreement, issued, ack).when(acknowledge(noticeId)).then();
  });

  it('rejects acknowledging the notice of a term before it is issued, with its due date', () => {
    const decision = given(agreement).when(acknowledge(noticeId, '2021-10-01T00:00:00.000Z')).decision;
    expect(decision).toEqual({
      kind: 'rejected',
      code: 'notice-not-issued',
      events: [],
      reason: `notice ${noticeId} is not issued yet: it is due on 2021-11-01`,
    });
  });

  it('rejects acknowledging an unknown or cancelled notice', () => {
    given(agreement).when(acknowledge('rn-nope')).thenRejected('notice-not-found');
    const cancelled = given(agreement).when(renewed('2021-06-01', 'A-1', '2022-12-31')).decision;
    if (cancelled.kind !== 'accepted') throw new Error('renewal refused');
    given(agreement, ...cancelled.events)
      .when(acknowledge(noticeId))
      .thenRejected('notice-cancelled');
  });
});
