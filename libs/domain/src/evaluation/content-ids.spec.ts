import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import { decide } from '../decider/decide';
import { foldEvents } from '../as-of';
import { signed } from '../testing/facts';
import { renewalNoticeId } from './agreement-view';

// Golden values of the content-addressed ids the backend stores and publishes. A consumer (the
// notification service, a Kafka reader) deduplicates on them and the stream's idempotency finds
// them again: a refactor of the fingerprint that changes one must fail here, not in production.

describe('content-addressed ids (golden)', () => {
  it('renewal notice ids: rn- and a fingerprint of partner, agreement and term end', () => {
    expect(renewalNoticeId('P-00042', 'A-1', '2027-01-31')).toBe('rn-035f04a15a72450591eb088fd5f5');
    expect(renewalNoticeId('P-1', 'A-1', '2021-12-31')).toBe('rn-1c07eb0548acfa0e6ae747bc865d');
  });

  it('the messageIds of events the backend decides itself', () => {
    const agreement = signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31');
    const issued = decide({ type: 'IssueDueRenewalNotice', partnerId: 'P-1', now: '2021-11-02T00:00:00.000Z' }, foldEvents([agreement]), DEFAULT_CATALOG);
    expect(issued).toMatchObject({ kind: 'accepted', events: [{ meta: { messageId: 'notice-issued:rn-1c07eb0548acfa0e6ae747bc865d' } }] });
    const renewal = { ...signed('2021-02-01', 'A-2'), meta: { ...agreement.meta, messageId: 'crm-77' } };
    const superseded = decide({ type: 'RecordFact', partnerId: 'P-1', fact: renewal }, foldEvents([agreement]), DEFAULT_CATALOG);
    expect(superseded).toMatchObject({ kind: 'accepted', events: [{}, { meta: { messageId: 'crm-77:notice-cancelled' } }] });
    if (issued.kind !== 'accepted') throw new Error('the notice was not issued');
    const acknowledge = {
      type: 'AcknowledgeRenewalNotice' as const,
      partnerId: 'P-1',
      noticeId: 'rn-1c07eb0548acfa0e6ae747bc865d',
      now: '2021-11-20T00:00:00.000Z',
    };
    const acknowledged = decide(acknowledge, foldEvents([agreement, ...issued.events]), DEFAULT_CATALOG);
    expect(acknowledged).toMatchObject({ kind: 'accepted', events: [{ meta: { messageId: 'notice-acknowledged:rn-1c07eb0548acfa0e6ae747bc865d' } }] });
  });
});
