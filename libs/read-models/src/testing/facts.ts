import type { AreaId, MasterServicesCompetency, SolutionCompetency, UpstreamEvent } from '@partner-program/domain';

// ── Upstream facts for read-model tests (business time first; unique message ids) ────────────

let counter = 0;
type DataOf<T extends UpstreamEvent['type']> = Extract<UpstreamEvent, { type: T }>['data'];

export function fact<T extends UpstreamEvent['type']>(type: T, occurredAt: string, data: DataOf<T>): UpstreamEvent {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(occurredAt) ? `${occurredAt}T00:00:00.000Z` : occurredAt;
  return { type, data, meta: { messageId: `rm-test-${++counter}`, occurredAt: time, source: 'test' } } as UpstreamEvent;
}

export const signed = (at: string, agreementId: string, expiresOn: string, effectiveFrom = at.slice(0, 10)) =>
  fact('AgreementSigned', at, { agreementId, effectiveFrom, expiresOn, businessModels: ['solution-provider'] });
export const renewed = (at: string, agreementId: string, expiresOn: string) => fact('AgreementRenewed', at, { agreementId, expiresOn });
export const competency = (at: string, id: SolutionCompetency, expiresOn?: string) =>
  fact('SolutionCompetencyEarned', at, expiresOn ? { competency: id, expiresOn } : { competency: id });
export const msc = (at: string, id: MasterServicesCompetency) => fact('MasterServicesCompetencyEarned', at, { competency: id });
export const booked = (at: string, dealId: string, area: AreaId, credits: number) => fact('CreditsBooked', at, { dealId, area, credits });
export const reversed = (at: string, dealId: string) => fact('CreditsReversed', at, { dealId });

/** Base requirements met from `at` with an agreement until `expiresOn`. */
export function goodStanding(at: string, expiresOn = '2030-12-31'): UpstreamEvent[] {
  return [
    signed(at, 'A-1', expiresOn),
    fact('TrainingCompleted', at, { courseId: 'vsp-foundation', learnerId: 'L-1' }),
    fact('TrainingCompleted', at, { courseId: 'vsp-foundation', learnerId: 'L-2' }),
    fact('TrainingCompleted', at, { courseId: 'ethics-compliance', learnerId: 'L-1' }),
    fact('DueDiligenceCompleted', at, { outcome: 'approved' }),
  ];
}

/** A partner in good standing holding the VMC on AWS competency and MSC (so credits decide its tier). */
export function vmcPartner(at: string, expiresOn?: string): UpstreamEvent[] {
  return [...goodStanding(at, expiresOn), competency(at, 'vmc-on-aws'), msc(at, 'vmc-on-aws')];
}
