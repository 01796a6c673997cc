import type { MessageRejected } from '../events/rejection-events';
import type { UpstreamEvent } from '../events/upstream-events';
import type { RulesetCatalog } from '../rules/ruleset-catalog';
import type { PartnerState, RefusalRecord } from '../state/partner-state';
import type { PartnerCommand, RecordFact, ReplayRefusedFact } from './commands';
import { decideAgreementFact } from './decide-agreement';
import { decideCreditsFact } from './decide-credits';
import { decideAcknowledgement, decideDueNotice } from './decide-notices';
import { decideTierRiskAcknowledgement, decideTierRiskReview } from './decide-tier-risk';
import { type Decision, accepted, duplicate, rejected } from './decision';
import { sameContent } from './same-content';

// ── decide: the partner's invariants ───────────────────────────────────────────────────────────
// Pure: the same command and state always give the same decision. Idempotency is decided from the
// stream's own state, so it holds on every store and across restarts.

/** `catalog`: the programme's rulesets, for what they decide here (when a renewal notice is due). */
export function decide(command: PartnerCommand, state: PartnerState, catalog: RulesetCatalog): Decision {
  switch (command.type) {
    case 'RecordFact':
      return decideFact(command, state, catalog);
    case 'ReplayRefusedFact':
      return decideReplay(command, state, catalog);
    case 'IssueDueRenewalNotice':
      return decideDueNotice(command, state, catalog);
    case 'AcknowledgeRenewalNotice':
      return decideAcknowledgement(command, state, catalog);
    case 'ReviewTierRiskNotices':
      return decideTierRiskReview(command, state);
    case 'AcknowledgeTierRiskNotice':
      return decideTierRiskAcknowledgement(command, state);
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function decideFact(command: RecordFact, state: PartnerState, catalog: RulesetCatalog): Decision {
  const { fact } = command;
  const id = fact.meta.messageId;
  // The refusal first: after a replay stored the fact too, a redelivery still gets its first outcome.
  const refusal = state.refusals.get(id);
  if (refusal) return sameContent(refusedMessage(refusal.event), fact) ? refusedBefore(refusal) : reused(id);
  const seen = state.messages.get(id);
  if (seen) return sameContent(seen.event, fact) ? duplicate(id, seen.revision) : reused(id);
  const decision = decideNewFact(command, state, catalog);
  return decision.kind === 'rejected' ? recordRefusal(decision, fact) : decision;
}

/**
 * A refused fact decided again. Stored already (by an earlier replay): a duplicate. Refused
 * again: nothing is stored, the first refusal stays the message's record (the caller records
 * the attempt on the rejection).
 */
function decideReplay(command: ReplayRefusedFact, state: PartnerState, catalog: RulesetCatalog): Decision {
  const { fact } = command;
  const id = fact.meta.messageId;
  const refusal = state.refusals.get(id);
  if (refusal && !sameContent(refusedMessage(refusal.event), fact)) return reused(id);
  const seen = state.messages.get(id);
  if (seen) return sameContent(seen.event, fact) ? duplicate(id, seen.revision) : reused(id);
  return decideNewFact(command, state, catalog);
}

function decideNewFact(command: RecordFact | ReplayRefusedFact, state: PartnerState, catalog: RulesetCatalog): Decision {
  const { fact } = command;
  switch (fact.type) {
    case 'AgreementSigned':
    case 'AgreementRenewed':
    case 'AgreementTerminated':
      return decideAgreementFact(command.partnerId, fact, state, catalog);
    case 'CreditsBooked':
    case 'CreditsReversed':
      return decideCreditsFact(fact, state);
    // Facts that hold whatever came before them.
    case 'BusinessModelsChanged':
    case 'TrainingCompleted':
    case 'TrainingRevoked':
    case 'DueDiligenceCompleted':
    case 'ProgrammeFeePaid':
    case 'SolutionCompetencyEarned':
    case 'SolutionCompetencyLapsed':
    case 'MasterServicesCompetencyEarned':
    case 'MasterServicesCompetencyLapsed':
      return accepted(fact);
    default: {
      const unknown: never = fact;
      throw new TypeError(`no rule decides ${JSON.stringify(unknown)}`);
    }
  }
}

/** A reused messageId is refused without a record: the message holding the id stays, so the answer never changes. */
function reused(messageId: string): Decision {
  return rejected('message-id-reused', `messageId ${messageId} was already used for different content`);
}

/** The first refusal of a fact is stored with the partner's events. */
function recordRefusal(decision: Extract<Decision, { kind: 'rejected' }>, fact: UpstreamEvent): Decision {
  const { code, reason } = decision;
  const refusal: MessageRejected = { type: 'MessageRejected', data: { code, reason, message: { type: fact.type, data: fact.data } }, meta: fact.meta };
  return { ...decision, events: [refusal] };
}

/** A redelivered refused message: the recorded outcome, nothing new to store. */
function refusedBefore({ event, revision }: RefusalRecord): Decision {
  return { kind: 'rejected', code: event.data.code, reason: event.data.reason, events: [], revision };
}

/** The refused message as the fact it was, to compare a redelivery with. */
function refusedMessage(event: MessageRejected): UpstreamEvent {
  return { type: event.data.message.type, data: event.data.message.data, meta: event.meta } as UpstreamEvent;
}
