import type { UpstreamEventType } from '@partner-program/domain';
import type { EnvelopeValidation } from './validate-envelope';

// ── Test fixtures: one valid envelope per upstream type, and builders of broken ones ──────────

/** The injected clock of every validation test. */
export const NOW = Date.parse('2021-03-01T12:00:00Z');

export const VALID_DATA: Readonly<Record<UpstreamEventType, Record<string, unknown>>> = {
  AgreementSigned: {
    agreementId: 'A-1',
    effectiveFrom: '2021-02-01',
    expiresOn: '2022-01-31',
    businessModels: ['solution-provider', 'cloud-services'],
  },
  AgreementRenewed: { agreementId: 'A-1', expiresOn: '2023-01-31' },
  AgreementTerminated: { agreementId: 'A-1', reason: 'Partner left the programme' },
  BusinessModelsChanged: { businessModels: ['subscription-software'] },
  TrainingCompleted: { courseId: 'vsp-foundation', learnerId: 'L-77', expiresOn: '2023-02-14' },
  TrainingRevoked: { courseId: 'vsp-foundation', learnerId: 'L-77' },
  DueDiligenceCompleted: { outcome: 'approved' },
  ProgrammeFeePaid: { amount: 1500.5, currency: 'EUR', periodEnd: '2021-12-31' },
  SolutionCompetencyEarned: { competency: 'hci', expiresOn: '2022-03-01' },
  SolutionCompetencyLapsed: { competency: 'sd-wan' },
  MasterServicesCompetencyEarned: { competency: 'digital-workspace' },
  MasterServicesCompetencyLapsed: { competency: 'modern-applications' },
  CreditsBooked: {
    dealId: 'D-2021:0042',
    area: 'vmc-on-aws',
    credits: 12_500.29,
    accelerator: { code: 'Q1-BOOST', multiplier: 1.5 },
    lifecycleStage: 'land',
  },
  CreditsReversed: { dealId: 'D-2021:0042' },
};

/** A valid envelope of `type`, with top-level fields replaced (`undefined` removes a field). */
export function envelope(type: UpstreamEventType, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = {
    messageId: `crm-${type}-1`,
    type,
    partnerId: 'P-00042',
    occurredAt: '2021-03-01T11:00:00Z',
    source: 'crm',
    data: VALID_DATA[type],
  };
  return patch(base, overrides);
}

/** A valid envelope of `type` whose data fields are replaced (`undefined` removes a field). */
export function withData(type: UpstreamEventType, changes: Record<string, unknown>): Record<string, unknown> {
  return envelope(type, { data: patch(VALID_DATA[type], changes) });
}

function patch(base: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base, ...changes };
  for (const [key, value] of Object.entries(changes)) if (value === undefined) delete result[key];
  return result;
}

/** A row of a bad-input corpus: what is sent and every `[path, message]` expected, in any order. */
export type BadInput = readonly [name: string, body: unknown, problems: ReadonlyArray<readonly [string, string]>];

/** Exactly the expected problems (same count, each path with a message containing the text). */
export function expectProblems(result: EnvelopeValidation, expected: BadInput[2]): void {
  if (result.ok) throw new Error(`expected problems, the envelope was accepted: ${JSON.stringify(result.envelope)}`);
  const wanted = expected.map(([path, message]) => ({ path, message: expect.stringContaining(message) }));
  expect(result.problems).toEqual(expect.arrayContaining(wanted));
  expect(result.problems).toHaveLength(expected.length);
}

export const LONG = (length: number, char = 'a'): string => char.repeat(length);
