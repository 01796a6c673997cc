import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import type { PartnerEvent } from '../events/partner-event';
import { PARTNER, given } from '../testing/given';
import { booked, reversed } from '../testing/facts';
import type { UpstreamEvent } from '../events/upstream-events';
import { decide } from './decide';
import { foldEvents } from '../as-of';

// An admin's replay of a refused fact (ReplayRefusedFact) is decided against the state as it is
// now; a redelivery of the same message (RecordFact) still gets the first outcome.

const replay = (fact: UpstreamEvent) => ({ type: 'ReplayRefusedFact' as const, partnerId: PARTNER, fact });

/** The stream a first delivery leaves: the refusal, stored. */
function refusedFirst(...before: PartnerEvent[]) {
  const reversal = reversed('2026-03-01', 'D-1');
  const decision = given(...before).when(reversal).decision;
  if (decision.kind !== 'rejected' || decision.events.length !== 1) throw new Error('expected a stored refusal');
  return { reversal, refusal: decision.events[0]! };
}

describe('decide: replaying a refused fact', () => {
  const booking = booked('2026-02-01', 'D-1', 'data-center-virtualization', 100);

  it('accepts the fact once its cause is fixed (the booking arrived), under its own messageId', () => {
    const { reversal, refusal } = refusedFirst();
    given(refusal, booking).when(replay(reversal)).then(reversal);
  });

  it('refuses it again, storing nothing, while the cause stands', () => {
    const { reversal, refusal } = refusedFirst();
    const decision = given(refusal).when(replay(reversal)).decision;
    expect(decision).toEqual({ kind: 'rejected', code: 'deal-not-booked', reason: expect.any(String), events: [] });
  });

  it('answers a second replay after it was stored as a duplicate of the stored fact: stored once', () => {
    const { reversal, refusal } = refusedFirst();
    given(refusal, booking, reversal).when(replay(reversal)).thenDuplicateOf(reversal.meta.messageId, 2);
  });

  it('keeps the first outcome for a redelivery of the message after the replay stored it', () => {
    const { reversal, refusal } = refusedFirst();
    const state = foldEvents([refusal, booking, reversal]);
    expect(decide({ type: 'RecordFact', partnerId: PARTNER, fact: reversal }, state, DEFAULT_CATALOG)).toEqual({
      kind: 'rejected',
      code: 'deal-not-booked',
      reason: (refusal.data as { reason: string }).reason,
      events: [],
      revision: 0,
    });
  });

  it('refuses a replay whose content differs from the refused message as a reused messageId', () => {
    const { reversal, refusal } = refusedFirst();
    const other = { ...reversed('2026-03-01', 'D-2'), meta: reversal.meta };
    given(refusal, booking).when(replay(other)).thenRejected('message-id-reused');
  });
});
