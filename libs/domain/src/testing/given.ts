import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import { foldEvents } from '../as-of';
import type { PartnerCommand } from '../decider/commands';
import { decide } from '../decider/decide';
import type { Decision, RejectionCode } from '../decider/decision';
import type { PartnerEvent } from '../events/partner-event';
import type { UpstreamEvent } from '../events/upstream-events';

// ── given(events).when(command).then(…) for decider specs ─────────────────────────────────────

export const PARTNER = 'P-1';

export function given(...history: PartnerEvent[]) {
  return {
    when(command: PartnerCommand | UpstreamEvent) {
      const decision = decide(asCommand(command), foldEvents(history), DEFAULT_CATALOG);
      return {
        decision,
        then(...events: PartnerEvent[]) {
          expect(decision).toEqual({ kind: 'accepted', events });
        },
        thenRejected(code: RejectionCode) {
          expect(decision).toMatchObject({ kind: 'rejected', code });
          expect((decision as Extract<Decision, { kind: 'rejected' }>).reason).toEqual(expect.any(String));
        },
        thenDuplicateOf(messageId: string, revision: number) {
          expect(decision).toEqual({ kind: 'duplicate', messageId, revision });
        },
      };
    },
  };
}

function asCommand(command: PartnerCommand | UpstreamEvent): PartnerCommand {
  return 'meta' in command ? { type: 'RecordFact', partnerId: PARTNER, fact: command } : command;
}
