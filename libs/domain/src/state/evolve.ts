import type { PartnerEvent } from '../events/partner-event';
import { NOTICE_EVENT_TYPES, type NoticeEvent } from '../events/notice-events';
import type { UpstreamEvent } from '../events/upstream-events';
import { applyMultiplier, toHundredths } from '../support/credits';
import { endOfDate, toMillis } from '../support/time';
import type { PartnerFold } from './partner-state';
import { evolveNotice } from './evolve-notice';
import { withTimed, withTrainingToggle } from './state-updates';
import { withToggle } from './toggle-series';

// ── evolveInPlace: fold one stored event into the partner state ───────────────────────────────
// Never throws and never refuses: whatever was stored is history. Facts are keyed by business
// time so late or out-of-order arrivals land where they belong.

/** Folds `event` into `state`, which it changes (a linear fold: see PartnerFold). */
export function evolveInPlace(state: PartnerFold, event: PartnerEvent): void {
  // A refusal is no fact: it changes nothing but what a redelivery of its message is told.
  if (event.type === 'MessageRejected') {
    state.refusals.set(event.meta.messageId, { event, revision: state.version });
    state.version += 1;
    return;
  }
  const at = toMillis(event.meta.occurredAt);
  noteMessage(state, event, at);
  if (isNoticeEvent(event)) return evolveNotice(state, event, at);
  evolveFact(state, event, at, event.meta.messageId);
}

function isNoticeEvent(event: UpstreamEvent | NoticeEvent): event is NoticeEvent {
  return (NOTICE_EVENT_TYPES as readonly string[]).includes(event.type);
}

function noteMessage(state: PartnerFold, event: UpstreamEvent | NoticeEvent, at: number): void {
  state.messages.set(event.meta.messageId, { event, revision: state.version, at });
  state.version += 1;
  state.firstFactAt = state.firstFactAt === undefined ? at : Math.min(state.firstFactAt, at);
}

function evolveFact(state: PartnerFold, event: UpstreamEvent, at: number, by: string): void {
  switch (event.type) {
    case 'AgreementSigned': {
      const { agreementId, effectiveFrom, expiresOn, businessModels } = event.data;
      state.agreements.set(agreementId, {
        agreementId,
        signedAt: at,
        signedBy: by,
        effectiveFrom,
        expiries: [{ at, value: expiresOn, by }],
      });
      state.signings = withTimed(state.signings, { at, value: agreementId, by });
      state.businessModels = withTimed(state.businessModels, { at, value: businessModels, by });
      return;
    }
    case 'AgreementRenewed': {
      const agreement = state.agreements.get(event.data.agreementId);
      if (!agreement) return;
      const expiries = withTimed(agreement.expiries, { at, value: event.data.expiresOn, by });
      state.agreements.set(agreement.agreementId, { ...agreement, expiries });
      return;
    }
    case 'AgreementTerminated': {
      const agreement = state.agreements.get(event.data.agreementId);
      if (!agreement) return;
      // The earliest termination counts, and its message is the one evidence names.
      const earliest = agreement.terminatedAt === undefined || at < agreement.terminatedAt;
      const terminated = earliest ? { ...agreement, terminatedAt: at, terminatedBy: by } : agreement;
      state.agreements.set(agreement.agreementId, terminated);
      return;
    }
    case 'BusinessModelsChanged':
      state.businessModels = withTimed(state.businessModels, { at, value: event.data.businessModels, by });
      return;
    case 'TrainingCompleted':
      return withTrainingToggle(state, event.data, { at, on: true, until: expiry(event.data.expiresOn), by });
    case 'TrainingRevoked':
      return withTrainingToggle(state, event.data, { at, on: false, by });
    case 'DueDiligenceCompleted':
      state.dueDiligence = withToggle(state.dueDiligence, { at, on: event.data.outcome === 'approved', by });
      return;
    case 'ProgrammeFeePaid':
      state.fees = [...state.fees, { paidAt: at, periodEnd: event.data.periodEnd, paidBy: by }];
      return;
    case 'SolutionCompetencyEarned':
    case 'SolutionCompetencyLapsed':
      return competencyToggled(state.solutionCompetencies, event, at, by);
    case 'MasterServicesCompetencyEarned':
    case 'MasterServicesCompetencyLapsed':
      return competencyToggled(state.mastersCompetencies, event, at, by);
    case 'CreditsBooked':
      return evolveBooking(state, event.data, by, at);
    case 'CreditsReversed': {
      const deal = state.deals.get(event.data.dealId);
      if (deal && deal.reversedAt === undefined) {
        state.deals.set(deal.dealId, { ...deal, reversedAt: at });
      }
      return;
    }
    default: {
      // A type this version does not know (written by a newer one) changes nothing it can read.
      const unknownType: never = event;
      void unknownType;
    }
  }
}

function evolveBooking(state: PartnerFold, data: Extract<UpstreamEvent, { type: 'CreditsBooked' }>['data'], messageId: string, at: number): void {
  if (state.deals.has(data.dealId)) return;
  state.deals.set(data.dealId, {
    dealId: data.dealId,
    area: data.area,
    effectiveHundredths: applyMultiplier(toHundredths(data.credits), data.accelerator?.multiplier),
    bookedAt: at,
    bookedBy: messageId,
  });
}

type CompetencyEvent = Extract<UpstreamEvent, { type: `${'Solution' | 'MasterServices'}Competency${'Earned' | 'Lapsed'}` }>;

function competencyToggled(competencies: PartnerFold['solutionCompetencies'], event: CompetencyEvent, at: number, by: string): void {
  const earned = event.type.endsWith('Earned');
  const until = 'expiresOn' in event.data ? expiry(event.data.expiresOn) : undefined;
  competencies.set(event.data.competency, withToggle(competencies.get(event.data.competency), { at, on: earned, until, by }));
}

function expiry(expiresOn: string | undefined): number | undefined {
  return expiresOn === undefined ? undefined : endOfDate(expiresOn);
}
