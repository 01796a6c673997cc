import type { UpstreamEvent } from '../events/upstream-events';
import type { AreaId, BusinessModel, MasterServicesCompetency, SolutionCompetency } from '../vocabulary';

// ── Test builders for upstream facts ───────────────────────────────────────────────────────────
// Each builder takes the business time; message ids are unique per call unless given.

let counter = 0;
const nextId = () => `m-${++counter}`;

type Options = { messageId?: string; source?: string };
type DataOf<T extends UpstreamEvent['type']> = Extract<UpstreamEvent, { type: T }>['data'];

export function fact<T extends UpstreamEvent['type']>(type: T, occurredAt: string, data: DataOf<T>, options: Options = {}) {
  const meta = { messageId: options.messageId ?? nextId(), occurredAt: normalize(occurredAt), source: options.source ?? 'test' };
  return { type, data, meta } as Extract<UpstreamEvent, { type: T }>;
}

/** Accepts a bare date for brevity: `2021-03-01` means its midnight UTC. */
function normalize(time: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(time) ? `${time}T00:00:00.000Z` : time;
}

export const signed = (
  at: string,
  agreementId = 'A-1',
  effectiveFrom = at.slice(0, 10),
  expiresOn = '2099-12-31',
  businessModels: BusinessModel[] = ['solution-provider'],
) => fact('AgreementSigned', at, { agreementId, effectiveFrom, expiresOn, businessModels });
export const renewed = (at: string, agreementId: string, expiresOn: string) => fact('AgreementRenewed', at, { agreementId, expiresOn });
export const terminated = (at: string, agreementId: string) => fact('AgreementTerminated', at, { agreementId, reason: 'partner left' });
export const modelsChanged = (at: string, businessModels: BusinessModel[]) => fact('BusinessModelsChanged', at, { businessModels });
export const trained = (at: string, courseId: string, learnerId: string, expiresOn?: string) =>
  fact('TrainingCompleted', at, expiresOn ? { courseId, learnerId, expiresOn } : { courseId, learnerId });
export const revoked = (at: string, courseId: string, learnerId: string) => fact('TrainingRevoked', at, { courseId, learnerId });
export const diligence = (at: string, outcome: 'approved' | 'rejected' = 'approved') => fact('DueDiligenceCompleted', at, { outcome });
export const feePaid = (at: string, periodEnd: string) => fact('ProgrammeFeePaid', at, { amount: 500, currency: 'USD', periodEnd });
export const competency = (at: string, id: SolutionCompetency, expiresOn?: string) =>
  fact('SolutionCompetencyEarned', at, expiresOn ? { competency: id, expiresOn } : { competency: id });
export const competencyLapsed = (at: string, id: SolutionCompetency) => fact('SolutionCompetencyLapsed', at, { competency: id });
export const msc = (at: string, id: MasterServicesCompetency, expiresOn?: string) =>
  fact('MasterServicesCompetencyEarned', at, expiresOn ? { competency: id, expiresOn } : { competency: id });
export const mscLapsed = (at: string, id: MasterServicesCompetency) => fact('MasterServicesCompetencyLapsed', at, { competency: id });
export const booked = (at: string, dealId: string, area: AreaId, credits: number, multiplier?: number) =>
  fact('CreditsBooked', at, multiplier === undefined ? { dealId, area, credits } : { dealId, area, credits, accelerator: { code: 'ACC', multiplier } });
export const reversed = (at: string, dealId: string) => fact('CreditsReversed', at, { dealId });

/** Everything a partner needs to be in good standing from `at` (agreement until `expiresOn`). */
export function goodStanding(at: string, expiresOn = '2099-12-31'): UpstreamEvent[] {
  return [
    signed(at, 'A-1', at.slice(0, 10), expiresOn),
    trained(at, 'vsp-foundation', 'L-1'),
    trained(at, 'vsp-foundation', 'L-2'),
    trained(at, 'ethics-compliance', 'L-1'),
    diligence(at),
  ];
}
