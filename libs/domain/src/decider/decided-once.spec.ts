import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import fc from 'fast-check';
import type { PartnerEvent } from '../events/partner-event';
import { evolveInPlace } from '../state/evolve';
import { initialState } from '../state/partner-state';
import { arbitraryMessages } from '../testing/arbitrary-history';
import { PARTNER } from '../testing/given';
import { decide } from './decide';
import type { Decision } from './decision';

// A message's outcome is decided once: redelivered after any later messages (a crash, a lane
// retry, a client's retry), it gets the answer its first delivery got, and nothing new is stored.

const record = { type: 'RecordFact', partnerId: PARTNER } as const;

/** What a delivery says is stored for its message. */
function answer(decision: Decision): string {
  if (decision.kind === 'rejected') return `rejected:${decision.code}`;
  return 'stored';
}

describe('decide: outcomes across redeliveries', () => {
  it('a redelivered message gets its first outcome, whatever arrived after it, and appends nothing', () => {
    fc.assert(
      fc.property(arbitraryMessages, (messages) => {
        const state = initialState();
        const first = new Map<string, string>();
        for (const fact of messages) {
          const decision = decide({ ...record, fact }, state, DEFAULT_CATALOG);
          // A reused id's refusal is about the other message; its own first answer is the one kept.
          if (!first.has(fact.meta.messageId)) first.set(fact.meta.messageId, answer(decision));
          if (decision.kind !== 'duplicate') decision.events.forEach((event: PartnerEvent) => evolveInPlace(state, event));
        }
        for (const fact of messages) {
          const again = decide({ ...record, fact }, state, DEFAULT_CATALOG);
          expect([fact.meta.messageId, answer(again)]).toEqual([fact.meta.messageId, first.get(fact.meta.messageId)]);
          expect(again.kind === 'duplicate' || again.events.length === 0).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
