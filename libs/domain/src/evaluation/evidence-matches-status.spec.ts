import fc from 'fast-check';
import { foldEvents } from '../as-of';
import type { PartnerEvent } from '../events/partner-event';
import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import { applyMultiplier, toHundredths } from '../support/credits';
import { arbitraryHistory, arbitraryTime } from '../testing/arbitrary-history';
import { PARTNER } from '../testing/given';
import { AREAS } from '../vocabulary';
import { evaluateStatus } from './evaluate-status';

// Evidence must equal the status it explains, for any history and time: the deals named sum to
// the credits, every met clause has a fact, every unmet one a missing entry, every fact a message
// of the history.

/** Effective hundredths of a CreditsBooked message, read from the message itself (not the fold). */
function bookedHundredths(event: PartnerEvent): number {
  if (event.type !== 'CreditsBooked') return 0;
  return applyMultiplier(toHundredths(event.data.credits), event.data.accelerator?.multiplier);
}

describe('evidence matches the status (property-based)', () => {
  it('names only messages of the history, deals summing to the credits, a fact for each met clause and what each unmet one misses', () => {
    fc.assert(
      fc.property(arbitraryHistory, arbitraryTime, (history, time) => {
        const byId = new Map(history.map((event) => [event.meta.messageId, event]));
        const state = foldEvents(history);
        const status = evaluateStatus(state, DEFAULT_CATALOG, PARTNER, time, { evidence: true });
        const facts = [...status.requirements.map((r) => r.evidence), ...AREAS.map((a) => status.areas[a].evidence)].flatMap((e) => e.facts);
        for (const { messageId } of facts) expect(byId.has(messageId)).toBe(true);

        for (const requirement of status.requirements) {
          if (requirement.met) expect(requirement.evidence.facts.length).toBeGreaterThanOrEqual(1);
          expect(requirement.evidence.missing).toHaveLength(requirement.met ? 0 : 1);
          const learners = requirement.evidence.facts.filter(({ messageId }) => byId.get(messageId)!.type === 'TrainingCompleted');
          if (/ learners$/.test(requirement.detail)) expect(`${learners.length} of`).toBe(requirement.detail.split(' ').slice(0, 2).join(' '));
        }
        for (const area of AREAS) {
          const { tier, credits, next, evidence } = status.areas[area];
          const deals = evidence.facts.map(({ messageId }) => byId.get(messageId)!).filter((event) => event.type === 'CreditsBooked');
          expect(deals.reduce((sum, event) => sum + bookedHundredths(event), 0)).toBe(toHundredths(credits));
          for (const deal of deals) expect(deal.type === 'CreditsBooked' && deal.data.area).toBe(area);
          if (tier !== null) expect(evidence.facts.length).toBeGreaterThan(deals.length);
          expect(evidence.missing).toEqual(next?.missing ?? []);
          if (next !== null) expect(evidence.missing.length).toBeGreaterThanOrEqual(1);
        }
        expect(evaluateStatus(state, DEFAULT_CATALOG, PARTNER, time)).toEqual(withoutEvidence(status));
      }),
      { numRuns: 300 },
    );
  });
});

function withoutEvidence(status: ReturnType<typeof evaluateStatus>): unknown {
  return JSON.parse(JSON.stringify(status, (key, value: unknown) => (key === 'evidence' ? undefined : value)));
}
