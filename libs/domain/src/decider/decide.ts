import type { PartnerState } from '../state/partner-state';
import type { PartnerCommand, RecordFact } from './commands';
import { decideAgreementFact } from './decide-agreement';
import { decideCreditsFact } from './decide-credits';
import { decideAcknowledgement, decideDueNotice } from './decide-notices';
import { type Decision, accepted, duplicate, rejected } from './decision';
import { sameContent } from './same-content';

// ── decide: the partner's invariants ───────────────────────────────────────────────────────────
// Pure: the same command and state always give the same decision. Idempotency is decided from the
// stream's own state, so it holds on every store and across restarts.

export function decide(command: PartnerCommand, state: PartnerState): Decision {
  switch (command.type) {
    case 'RecordFact':
      return decideFact(command, state);
    case 'IssueDueRenewalNotice':
      return decideDueNotice(command, state);
    case 'AcknowledgeRenewalNotice':
      return decideAcknowledgement(command, state);
    default: {
      const unknown: never = command;
      throw new TypeError(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

function decideFact(command: RecordFact, state: PartnerState): Decision {
  const { fact } = command;
  const seen = state.messages.get(fact.meta.messageId);
  if (seen) {
    return sameContent(seen.event, fact)
      ? duplicate(fact.meta.messageId, seen.revision)
      : rejected('message-id-reused', `messageId ${fact.meta.messageId} was already used for different content`);
  }
  switch (fact.type) {
    case 'AgreementSigned':
    case 'AgreementRenewed':
    case 'AgreementTerminated':
      return decideAgreementFact(command.partnerId, fact, state);
    case 'CreditsBooked':
    case 'CreditsReversed':
      return decideCreditsFact(fact, state);
    default:
      return accepted(fact);
  }
}
