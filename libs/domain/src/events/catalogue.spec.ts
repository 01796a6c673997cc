import { PARTNER_EVENT_TYPES, isPartnerEventType } from './partner-event';
import { REJECTION_CODES } from '../decider/decision';

// Stored type strings and rejection codes are a contract with the store's history and with
// upstream systems: this list may only grow. Renaming one breaks every stored stream.
describe('event catalogue', () => {
  it('keeps every stored type string', () => {
    expect(PARTNER_EVENT_TYPES).toEqual([
      'AgreementSigned',
      'AgreementRenewed',
      'AgreementTerminated',
      'BusinessModelsChanged',
      'TrainingCompleted',
      'TrainingRevoked',
      'DueDiligenceCompleted',
      'ProgrammeFeePaid',
      'SolutionCompetencyEarned',
      'SolutionCompetencyLapsed',
      'MasterServicesCompetencyEarned',
      'MasterServicesCompetencyLapsed',
      'CreditsBooked',
      'CreditsReversed',
      'RenewalNoticeIssued',
      'RenewalNoticeCancelled',
      'RenewalNoticeAcknowledged',
      'TierRiskNoticeIssued',
      'TierRiskNoticeCancelled',
      'TierRiskNoticeAcknowledged',
      'MessageRejected',
    ]);
    expect(isPartnerEventType('CreditsBooked')).toBe(true);
    expect(isPartnerEventType('creditsBooked')).toBe(false);
  });

  it('keeps every rejection code', () => {
    expect(REJECTION_CODES).toEqual([
      'message-id-reused',
      'agreement-already-signed',
      'agreement-not-active',
      'renewal-not-later',
      'invalid-term',
      'deal-not-booked',
      'deal-already-reversed',
      'notice-not-found',
      'notice-cancelled',
      'notice-not-issued',
    ]);
  });
});
