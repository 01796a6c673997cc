import type { PartnerEvent } from '../events/partner-event';
import type { NoticeEvent } from '../events/notice-events';
import type { UpstreamEvent } from '../events/upstream-events';
import { applyMultiplier, toHundredths } from '../support/credits';
import { endOfDate, toMillis } from '../support/time';
import type { PartnerState } from './partner-state';
import { evolveNotice } from './evolve-notice';
import { withTimed, withTrainingToggle } from './state-updates';
import { withToggle } from './toggle-series';

// ── evolve: fold one stored event into the partner state ──────────────────────────────────────
// Never throws and never refuses: whatever was stored is history. Facts are keyed by business
// time so late or out-of-order arrivals land where they belong.

/**
 * The state after `event`. Extends `state`'s maps in place (a linear fold, see PartnerState): the
 * returned state shares them, and `state` must not be used afterwards.
 */
export function evolve(state: PartnerState, event: PartnerEvent): PartnerState {
  // A refusal is no fact: it changes nothing but what a redelivery of its message is told.
  if (event.type === 'MessageRejected') {
    state.refusals.set(event.meta.messageId, { event, revision: state.version });
    return { ...state, version: state.version + 1 };
  }
  const at = toMillis(event.meta.occurredAt);
  const next = noteMessage(state, event, at);
  switch (event.type) {
    case 'RenewalNoticeIssued':
    case 'RenewalNoticeCancelled':
    case 'RenewalNoticeAcknowledged':
      return evolveNotice(next, event, at);
    case 'AgreementSigned':
    case 'AgreementRenewed':
    case 'AgreementTerminated':
    case 'BusinessModelsChanged':
    case 'TrainingCompleted':
    case 'TrainingRevoked':
    case 'DueDiligenceCompleted':
    case 'ProgrammeFeePaid':
    case 'SolutionCompetencyEarned':
    case 'SolutionCompetencyLapsed':
    case 'MasterServicesCompetencyEarned':
    case 'MasterServicesCompetencyLapsed':
    case 'CreditsBooked':
    case 'CreditsReversed':
      return evolveFact(next, event, at);
    default: {
      // A type this version does not know (written by a newer one) changes nothing it can read.
      const unknownType: never = event;
      void unknownType;
      return next;
    }
  }
}

function noteMessage(state: PartnerState, event: UpstreamEvent | NoticeEvent, at: number): PartnerState {
  state.messages.set(event.meta.messageId, { event, revision: state.version, at });
  const firstFactAt = state.firstFactAt === undefined ? at : Math.min(state.firstFactAt, at);
  return { ...state, version: state.version + 1, firstFactAt };
}

function evolveFact(state: PartnerState, event: UpstreamEvent, at: number): PartnerState {
  switch (event.type) {
    case 'AgreementSigned': {
      const { agreementId, effectiveFrom, expiresOn, businessModels } = event.data;
      state.agreements.set(agreementId, {
        agreementId,
        signedAt: at,
        effectiveFrom,
        expiries: [{ at, value: expiresOn }],
      });
      return {
        ...state,
        signings: withTimed(state.signings, { at, value: agreementId }),
        businessModels: withTimed(state.businessModels, { at, value: businessModels }),
      };
    }
    case 'AgreementRenewed': {
      const agreement = state.agreements.get(event.data.agreementId);
      if (!agreement) return state;
      const expiries = withTimed(agreement.expiries, { at, value: event.data.expiresOn });
      state.agreements.set(agreement.agreementId, { ...agreement, expiries });
      return state;
    }
    case 'AgreementTerminated': {
      const agreement = state.agreements.get(event.data.agreementId);
      if (!agreement) return state;
      const terminated = { ...agreement, terminatedAt: Math.min(agreement.terminatedAt ?? at, at) };
      state.agreements.set(agreement.agreementId, terminated);
      return state;
    }
    case 'BusinessModelsChanged':
      return { ...state, businessModels: withTimed(state.businessModels, { at, value: event.data.businessModels }) };
    case 'TrainingCompleted':
      return withTrainingToggle(state, event.data, { at, on: true, until: expiry(event.data.expiresOn) });
    case 'TrainingRevoked':
      return withTrainingToggle(state, event.data, { at, on: false });
    case 'DueDiligenceCompleted':
      return { ...state, dueDiligence: withToggle(state.dueDiligence, { at, on: event.data.outcome === 'approved' }) };
    case 'ProgrammeFeePaid':
      return { ...state, fees: [...state.fees, { paidAt: at, periodEnd: event.data.periodEnd }] };
    case 'SolutionCompetencyEarned':
    case 'SolutionCompetencyLapsed':
      return competencyToggled(state, state.solutionCompetencies, event, at);
    case 'MasterServicesCompetencyEarned':
    case 'MasterServicesCompetencyLapsed':
      return competencyToggled(state, state.mastersCompetencies, event, at);
    case 'CreditsBooked':
      return evolveBooking(state, event.data, event.meta.messageId, at);
    case 'CreditsReversed': {
      const deal = state.deals.get(event.data.dealId);
      if (deal && deal.reversedAt === undefined) {
        state.deals.set(deal.dealId, { ...deal, reversedAt: at });
      }
      return state;
    }
    default: {
      // Only the facts listed in evolve come here: a new fact type fails to compile until it has a case.
      const unhandled: never = event;
      void unhandled;
      return state;
    }
  }
}

function evolveBooking(
  state: PartnerState,
  data: Extract<UpstreamEvent, { type: 'CreditsBooked' }>['data'],
  messageId: string,
  at: number,
): PartnerState {
  if (state.deals.has(data.dealId)) return state;
  state.deals.set(data.dealId, {
    dealId: data.dealId,
    area: data.area,
    effectiveHundredths: applyMultiplier(toHundredths(data.credits), data.accelerator?.multiplier),
    bookedAt: at,
    bookedBy: messageId,
  });
  return state;
}

type CompetencyEvent = Extract<
  UpstreamEvent,
  { type: `${'Solution' | 'MasterServices'}Competency${'Earned' | 'Lapsed'}` }
>;

function competencyToggled(
  state: PartnerState,
  competencies: PartnerState['solutionCompetencies'],
  event: CompetencyEvent,
  at: number,
): PartnerState {
  const earned = event.type.endsWith('Earned');
  const until = 'expiresOn' in event.data ? expiry(event.data.expiresOn) : undefined;
  competencies.set(event.data.competency, withToggle(competencies.get(event.data.competency), { at, on: earned, until }));
  return state;
}

function expiry(expiresOn: string | undefined): number | undefined {
  return expiresOn === undefined ? undefined : endOfDate(expiresOn);
}
