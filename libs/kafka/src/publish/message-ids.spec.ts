import { Kafka, logLevel } from 'kafkajs';
import { CHANGE_ID_HEADER, StatusChangePublisher } from './status-change.publisher';
import { MESSAGE_ID_HEADER } from './notice.publisher';
import { RenewalNoticePublisher } from './renewal-notice.publisher';
import { TierRiskNoticePublisher } from './tier-risk-notice.publisher';
import type { StoredEvent } from '@partner-program/event-store';

// Golden: the stable id header of every published message (consumers deduplicate on it) and the
// key. No broker is contacted: only the messages the publishers would send are built.

const kafka = new Kafka({ brokers: ['127.0.0.1:1'], logLevel: logLevel.NOTHING });
const checkpoints = { load: async () => undefined, save: async () => undefined } as never;
type Built = { key: string; value: string; headers: Record<string, string> };
const built = (publisher: object, item: unknown) => (publisher as { toMessage(item: unknown): Built }).toMessage(item);

describe('published message ids (golden)', () => {
  it('a renewal notice carries its noticeId as pp-message-id, keyed by partnerId', () => {
    const publisher = new RenewalNoticePublisher({ kafka, store: {} as never, checkpoints });
    const issued: StoredEvent = {
      streamId: 'partner-P-00042',
      revision: 3,
      position: 99n,
      type: 'RenewalNoticeIssued',
      data: { noticeId: 'rn-035f04a15a72450591eb088fd5f5', agreementId: 'A-1', expiresOn: '2027-01-31', dueOn: '2026-12-02' },
      metadata: {
        messageId: 'notice-issued:rn-035f04a15a72450591eb088fd5f5',
        source: 'partner-program',
        occurredAt: '2026-12-02T00:00:00.000Z',
        recordedAt: '2026-12-02T00:00:01.000Z',
        schemaVersion: 1,
      },
    };
    const message = built(publisher, issued);
    expect(MESSAGE_ID_HEADER).toBe('pp-message-id');
    expect(message.key).toBe('P-00042');
    expect(message.headers).toEqual({ 'pp-message-id': 'rn-035f04a15a72450591eb088fd5f5' });
  });

  it('a tier-at-risk notice carries its noticeId as pp-message-id, keyed by partnerId', () => {
    const publisher = new TierRiskNoticePublisher({ kafka, store: {} as never, checkpoints });
    const issued: StoredEvent = {
      streamId: 'partner-P-00042',
      revision: 9,
      position: 120n,
      type: 'TierRiskNoticeIssued',
      data: {
        noticeId: 'tr-0a1b2c3d4e5f60718293a4b5c6d7',
        area: 'vmc-on-aws',
        from: 'advanced',
        to: null,
        at: '2027-02-01T00:00:00.000Z',
        dropOn: '2027-02-01',
        dueOn: '2027-01-02',
        causes: [{ kind: 'expired', what: 'agreement:A-1' }],
        prevention: [{ action: 'renew-agreement', before: '2027-02-01T00:00:00.000Z', requirement: 'agreement', text: 'renew the agreement' }],
      },
      metadata: {
        messageId: 'tier-risk-issued:tr-0a1b2c3d4e5f60718293a4b5c6d7',
        source: 'partner-program',
        occurredAt: '2027-01-02T00:00:00.000Z',
        recordedAt: '2027-01-02T00:00:01.000Z',
        schemaVersion: 1,
      },
    };
    const message = built(publisher, issued);
    expect(message.key).toBe('P-00042');
    expect(message.headers).toEqual({ 'pp-message-id': 'tr-0a1b2c3d4e5f60718293a4b5c6d7' });
    expect(JSON.parse(message.value)).toEqual({
      noticeId: 'tr-0a1b2c3d4e5f60718293a4b5c6d7',
      partnerId: 'P-00042',
      area: 'vmc-on-aws',
      from: 'advanced',
      to: null,
      dropOn: '2027-02-01',
      dueOn: '2027-01-02',
      causes: [{ kind: 'expired', what: 'agreement:A-1' }],
      prevention: [{ action: 'renew-agreement', before: '2027-02-01T00:00:00.000Z', requirement: 'agreement', text: 'renew the agreement' }],
      issuedAt: '2027-01-02T00:00:00.000Z',
    });
  });

  it('a status change carries its changeId as pp-change-id, keyed by partnerId', () => {
    const publisher = new StatusChangePublisher({ kafka, feed: async () => [], checkpoints });
    const change = {
      sequence: 5,
      changeId: 'P-7|cloud-provider|2027-02-01T00:00:00.000Z|principal|advanced',
      partnerId: 'P-7',
      area: 'cloud-provider',
      from: 'principal',
      to: 'advanced',
      badge: false,
      at: '2027-02-01T00:00:00.000Z',
      position: 12,
    };
    const message = built(publisher, change);
    expect(CHANGE_ID_HEADER).toBe('pp-change-id');
    expect(message.key).toBe('P-7');
    expect(message.headers).toEqual({ 'pp-change-id': 'P-7|cloud-provider|2027-02-01T00:00:00.000Z|principal|advanced' });
  });
});
