import type { PartnerEventType } from '../events/partner-event';

// ── Why a tier changed ─────────────────────────────────────────────────────────────────────────

export type TimelineCause = Readonly<
  | { kind: 'event'; type: PartnerEventType; messageId: string }
  | { kind: 'deal-left-window'; dealId: string }
  /** `what`: `training:<course>:<learner>`, `competency:<id>`, `msc:<id>`, `agreement:<id>`, `programme-fee`. */
  | { kind: 'expired'; what: string }
  | { kind: 'agreement-took-effect'; agreementId: string }
  | { kind: 'ruleset-took-effect'; rulesetId: string }
>;

const REQUIREMENT_EVENT = /^(Agreement|BusinessModels|Training|DueDiligence|ProgrammeFee)/;
const REQUIREMENT_EXPIRY = /^(training|agreement|programme-fee)/;

/** Whether a cause can change a base or operational requirement (otherwise only areas move). */
export function affectsRequirements(cause: TimelineCause): boolean {
  switch (cause.kind) {
    case 'event':
      return REQUIREMENT_EVENT.test(cause.type);
    case 'expired':
      return REQUIREMENT_EXPIRY.test(cause.what);
    case 'deal-left-window':
      return false;
    case 'agreement-took-effect':
    case 'ruleset-took-effect':
      return true;
  }
}
