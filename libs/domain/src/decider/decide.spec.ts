import { PARTNER, given } from '../testing/given';
import { booked, diligence, fact, renewed, reversed, signed, terminated, trained } from '../testing/facts';
import { renewalNoticeId } from '../evaluation/agreement-view';
import { BACKEND_SOURCE } from '../events/event';
import { foldEvents } from '../as-of';
import type { Decision } from './decision';

describe('decide: recording upstream facts', () => {
  it('accepts a first fact as the event to store', () => {
    const training = trained('2021-01-05', 'vsp-foundation', 'L-1');
    given().when(training).then(training);
  });

  it('accepts facts that need no prior state (unknown course ids are recorded)', () => {
    const odd = trained('2021-01-05', 'some-other-course', 'L-9');
    given(signed('2021-01-01')).when(odd).then(odd);
    const rejectedDiligence = diligence('2021-01-02', 'rejected');
    given().when(rejectedDiligence).then(rejectedDiligence);
  });

  describe('idempotency', () => {
    const original = trained('2021-01-05', 'vsp-foundation', 'L-1', undefined);

    it('answers duplicate with the original revision for the same messageId and content', () => {
      const retry = fact(
        'TrainingCompleted',
        '2021-01-05T00:00:00+00:00',
        { learnerId: 'L-1', courseId: 'vsp-foundation' },
        { messageId: original.meta.messageId },
      );
      given(signed('2021-01-01'), original).when(retry).thenDuplicateOf(original.meta.messageId, 1);
    });

    it('rejects the same messageId with different content', () => {
      const reuse = trained('2021-01-05', 'vsp-foundation', 'L-2');
      const forged = { ...reuse, meta: { ...reuse.meta, messageId: original.meta.messageId } };
      given(original).when(forged).thenRejected('message-id-reused');
    });

    it('rejects the same messageId from another source', () => {
      const otherSource = { ...original, meta: { ...original.meta, source: 'crm' } };
      given(original).when(otherSource).thenRejected('message-id-reused');
    });
  });

  describe('agreements', () => {
    it('rejects a second signing of the same agreement id', () => {
      given(signed('2021-01-01', 'A-1')).when(signed('2021-02-01', 'A-1')).thenRejected('agreement-already-signed');
    });

    it('rejects a term that does not end after it starts', () => {
      given()
        .when(signed('2021-01-01', 'A-1', '2021-01-01', '2021-01-01'))
        .thenRejected('invalid-term');
    });

    it('supersedes the active agreement on a new signing and cancels its pending notice', () => {
      const old = signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31');
      const replacement = signed('2021-03-01', 'A-2', '2021-03-01', '2022-02-28');
      const noticeId = renewalNoticeId(PARTNER, 'A-1', '2021-12-31');
      given(old)
        .when(replacement)
        .then(replacement, {
          type: 'RenewalNoticeCancelled',
          data: { noticeId, agreementId: 'A-1', expiresOn: '2021-12-31', dueOn: '2021-11-01', reason: 'superseded' },
          meta: { messageId: `${replacement.meta.messageId}:notice-cancelled`, occurredAt: replacement.meta.occurredAt, source: BACKEND_SOURCE },
        });
    });

    it('keeps the current term’s notice when an older signing arrives late: it supersedes nothing', () => {
      const current = signed('2021-06-01', 'A-1', '2021-06-01', '2022-05-31');
      const older = signed('2021-01-01', 'A-0', '2021-01-01', '2021-12-31');
      given(current).when(older).then(older);
      const issue = given(current, older).when({ type: 'IssueDueRenewalNotice', partnerId: PARTNER, now: '2022-04-01T00:00:00Z' }).decision;
      expect(issue).toMatchObject({ kind: 'accepted', events: [{ type: 'RenewalNoticeIssued', data: { agreementId: 'A-1', dueOn: '2022-04-01' } }] });
    });

    it('renews the active agreement and cancels the notice not yet issued', () => {
      const renewal = renewed('2021-06-01', 'A-1', '2022-12-31');
      const decision = given(signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31')).when(renewal).decision;
      expect(decision).toMatchObject({ kind: 'accepted', events: [renewal, { type: 'RenewalNoticeCancelled', data: { reason: 'renewed' } }] });
    });

    it('keeps an issued notice when the agreement is renewed after it', () => {
      const history = [signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31')];
      const issue = given(...history).when({ type: 'IssueDueRenewalNotice', partnerId: PARTNER, now: '2021-11-15T00:00:00Z' }).decision;
      if (issue.kind !== 'accepted') throw new Error('expected the notice');
      const renewal = renewed('2021-11-20', 'A-1', '2022-12-31');
      given(...history, ...issue.events)
        .when(renewal)
        .then(renewal);
    });

    it('rejects renewing or terminating an agreement that is not the active one', () => {
      given()
        .when(renewed('2021-06-01', 'A-1', '2022-12-31'))
        .thenRejected('agreement-not-active');
      given(signed('2021-01-01', 'A-1'), signed('2021-02-01', 'A-2'))
        .when(renewed('2021-06-01', 'A-1', '2122-12-31'))
        .thenRejected('agreement-not-active');
      given(signed('2021-01-01', 'A-1'), terminated('2021-02-01', 'A-1')).when(terminated('2021-03-01', 'A-1')).thenRejected('agreement-not-active');
    });

    it('renews on the last day of the term, and refuses a renewal once the agreement has expired', () => {
      const agreement = signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31');
      const lastDay = renewed('2021-12-31T23:59:59.999Z', 'A-1', '2022-12-31');
      expect(given(agreement).when(lastDay).decision).toMatchObject({ kind: 'accepted', events: [lastDay, { type: 'RenewalNoticeCancelled' }] });
      const late = given(agreement).when(renewed('2022-01-01T00:00:00.000Z', 'A-1', '2022-12-31'));
      late.thenRejected('agreement-not-active');
      expect(late.decision).toMatchObject({ reason: 'agreement A-1 is not active on 2022-01-01T00:00:00.000Z: it expired on 2021-12-31' });
    });

    it('refuses a renewal dated before the agreement was signed, and renews one signed but not yet effective', () => {
      const agreement = signed('2021-03-01', 'A-1', '2021-04-01', '2022-03-31');
      given(agreement)
        .when(renewed('2021-02-01', 'A-1', '2023-03-31'))
        .thenRejected('agreement-not-active');
      expect(given(agreement).when(renewed('2021-03-15', 'A-1', '2023-03-31')).decision.kind).toBe('accepted');
    });

    it('acts on a term signed ahead while the old one still runs: it is the one renewed, the old one is not', () => {
      const history = [signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31'), signed('2021-11-15', 'A-2', '2022-01-01', '2022-12-31')];
      expect(given(...history).when(renewed('2021-12-01', 'A-2', '2023-12-31')).decision.kind).toBe('accepted');
      given(...history)
        .when(renewed('2021-12-01', 'A-1', '2022-06-30'))
        .thenRejected('agreement-not-active');
    });

    it('rejects a renewal that does not move expiresOn later', () => {
      given(signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31'))
        .when(renewed('2021-06-01', 'A-1', '2021-12-31'))
        .thenRejected('renewal-not-later');
    });

    it('terminates the active agreement and cancels its pending notice', () => {
      const termination = terminated('2021-06-01', 'A-1');
      const decision = given(signed('2021-01-01', 'A-1', '2021-01-01', '2021-12-31')).when(termination).decision;
      expect(decision).toMatchObject({ kind: 'accepted', events: [termination, { type: 'RenewalNoticeCancelled', data: { reason: 'terminated' } }] });
    });
  });

  describe('credits', () => {
    const deal = booked('2021-03-01', 'D-1', 'vmc-on-aws', 100);

    it('answers duplicate when a deal id is booked again under a new messageId (no new credits)', () => {
      given(deal)
        .when(booked('2021-03-02', 'D-1', 'vmc-on-aws', 999))
        .thenDuplicateOf(deal.meta.messageId, 0);
    });

    it('reverses a booked deal once', () => {
      const reversal = reversed('2021-04-01', 'D-1');
      given(deal).when(reversal).then(reversal);
      given(deal, reversal).when(reversed('2021-04-02', 'D-1')).thenRejected('deal-already-reversed');
    });

    it('rejects reversing an unknown deal', () => {
      given().when(reversed('2021-04-01', 'D-404')).thenRejected('deal-not-booked');
    });
  });

  describe('refusals are decided once', () => {
    const reversal = reversed('2021-04-01', 'D-9');
    const booking = booked('2021-04-02', 'D-9', 'vmc-on-aws', 100);
    const refusalOf = (decision: Decision) => {
      if (decision.kind !== 'rejected') throw new Error(`expected a rejection, got ${decision.kind}`);
      return decision.events;
    };

    it('records a first refusal in the stream, with the message as validated', () => {
      const decision = given().when(reversal).decision;
      expect(decision).toMatchObject({ kind: 'rejected', code: 'deal-not-booked' });
      expect(refusalOf(decision)).toEqual([
        {
          type: 'MessageRejected',
          data: { code: 'deal-not-booked', reason: 'deal D-9 was never booked', message: { type: 'CreditsReversed', data: { dealId: 'D-9' } } },
          meta: reversal.meta,
        },
      ]);
    });

    it('answers a redelivery with the recorded outcome, even once later facts would accept it', () => {
      const [refusal] = refusalOf(given().when(reversal).decision);
      const decision = given(refusal!, booking).when(reversal).decision;
      expect(decision).toEqual({ kind: 'rejected', code: 'deal-not-booked', reason: 'deal D-9 was never booked', events: [], revision: 0 });
    });

    it('refuses the refused message id with other content as reused, recording nothing', () => {
      const [refusal] = refusalOf(given().when(reversal).decision);
      const forged = { ...reversed('2021-04-01', 'D-10'), meta: reversal.meta };
      expect(given(refusal!).when(forged).decision).toEqual({ kind: 'rejected', code: 'message-id-reused', reason: expect.any(String), events: [] });
    });

    it('keeps a refusal out of the facts: the deal can still be booked and the refusal counts as no message', () => {
      const [refusal] = refusalOf(given().when(reversal).decision);
      given(refusal!).when(booking).then(booking);
      const state = foldEvents([refusal!]);
      expect(state.messages.size).toBe(0);
      expect(state.firstFactAt).toBeUndefined();
      expect(state.version).toBe(1);
    });
  });
});
