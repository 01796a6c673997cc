import type { CreditsBooked, CreditsReversed } from '../events/upstream-events';
import type { PartnerState } from '../state/partner-state';
import { type Decision, accepted, duplicate, rejected } from './decision';

/** A deal is booked once (booking it again is a duplicate) and reversed at most once. */
export function decideCreditsFact(fact: CreditsBooked | CreditsReversed, state: PartnerState): Decision {
  const deal = state.deals.get(fact.data.dealId);
  if (fact.type === 'CreditsBooked') {
    if (!deal) return accepted(fact);
    return duplicate(deal.bookedBy, state.messages.get(deal.bookedBy)?.revision ?? 0);
  }
  if (!deal) return rejected('deal-not-booked', `deal ${fact.data.dealId} was never booked`);
  if (deal.reversedAt !== undefined) return rejected('deal-already-reversed', `deal ${fact.data.dealId} is already reversed`);
  return accepted(fact);
}
