import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import fc from 'fast-check';
import { foldEvents } from '../as-of';
import { decide } from '../decider/decide';
import type { PartnerEvent } from '../events/partner-event';
import type { UpstreamEvent } from '../events/upstream-events';
import { evolveInPlace } from '../state/evolve';
import { initialState } from '../state/partner-state';
import { toIsoDate, toIsoTime } from '../support/time';
import { AREAS, MASTER_SERVICES_COMPETENCIES, SOLUTION_COMPETENCIES } from '../vocabulary';
import { fact } from './facts';
import { PARTNER } from './given';

// ── Random partner histories for property tests ───────────────────────────────────────────────
// Candidate facts at random business times (2019–2023, so the legacy era and windows are crossed),
// kept only where the decider accepts them, as the real ingestion would.

const FROM = Date.UTC(2019, 0, 1);
const TO = Date.UTC(2023, 11, 31);
export const arbitraryTime = fc.integer({ min: FROM, max: TO });
/** Facts cluster in two years so that credits, competencies and agreements overlap in time. */
const factTime = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2021, 11, 31) });
const date = arbitraryTime.map(toIsoDate);
const maybeExpiry = fc.option(date, { nil: undefined });

// Weighted towards a few simple areas so partner, advanced and principal are all reached often.
const FOCUS_COMPETENCIES = ['vmc-on-aws', 'vmc-on-aws', 'pks', 'cloud-provider', ...SOLUTION_COMPETENCIES] as const;
const FOCUS_MSCS = ['vmc-on-aws', 'vmc-on-aws', 'modern-applications', 'cloud-provider', ...MASTER_SERVICES_COMPETENCIES] as const;
const FOCUS_AREAS = ['vmc-on-aws', 'vmc-on-aws', 'vmc-on-aws', 'modern-applications', 'cloud-provider', ...AREAS] as const;

const signing = fc.record({ id: fc.constantFrom('A-1', 'A-2'), days: fc.integer({ min: 30, max: 900 }) }).map(
  ({ id, days }) =>
    (t: string) =>
      fact('AgreementSigned', t, {
        agreementId: id,
        effectiveFrom: t.slice(0, 10),
        expiresOn: toIsoDate(Date.parse(t) + days * 86_400_000),
        businessModels: ['solution-provider'],
      }),
);
const training = fc.record({ course: fc.constantFrom('vsp-foundation', 'ethics-compliance'), learner: fc.constantFrom('L-1', 'L-2', 'L-3') }).map(
  ({ course, learner }) =>
    (t: string) =>
      fact('TrainingCompleted', t, { courseId: course, learnerId: learner }),
);
const competency = fc.record({ id: fc.constantFrom(...FOCUS_COMPETENCIES), expiresOn: maybeExpiry }).map(
  ({ id, expiresOn }) =>
    (t: string) =>
      fact('SolutionCompetencyEarned', t, expiresOn ? { competency: id, expiresOn } : { competency: id }),
);
const msc = fc.record({ id: fc.constantFrom(...FOCUS_MSCS), expiresOn: maybeExpiry }).map(
  ({ id, expiresOn }) =>
    (t: string) =>
      fact('MasterServicesCompetencyEarned', t, expiresOn ? { competency: id, expiresOn } : { competency: id }),
);
const mscLapse = fc.constantFrom(...FOCUS_MSCS).map((id) => (t: string) => fact('MasterServicesCompetencyLapsed', t, { competency: id }));
const booking = fc
  .record({
    deal: fc.integer({ min: 1, max: 8 }),
    area: fc.constantFrom(...FOCUS_AREAS),
    hundredths: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 10_000_000, max: 120_000_000 })),
    multiplier: fc.option(fc.constantFrom(1, 1.1, 1.5, 2, 2.25, 10), { nil: undefined }),
  })
  .map(
    ({ deal, area, hundredths, multiplier }) =>
      (t: string) =>
        fact('CreditsBooked', t, { dealId: `D-${deal}`, area, credits: hundredths / 100, ...(multiplier ? { accelerator: { code: 'X', multiplier } } : {}) }),
  );
const reversal = fc.integer({ min: 1, max: 8 }).map((deal) => (t: string) => fact('CreditsReversed', t, { dealId: `D-${deal}` }));
const diligence = fc.constant((t: string) => fact('DueDiligenceCompleted', t, { outcome: 'approved' }));

const candidate: fc.Arbitrary<(time: string) => UpstreamEvent> = fc.oneof(
  { weight: 1, arbitrary: signing },
  { weight: 2, arbitrary: training },
  { weight: 1, arbitrary: diligence },
  { weight: 3, arbitrary: competency },
  { weight: 3, arbitrary: msc },
  { weight: 1, arbitrary: mscLapse },
  { weight: 5, arbitrary: booking },
  { weight: 2, arbitrary: reversal },
);

/** Most generated partners first meet the base requirements, so tiers are actually exercised. */
const baseKit: fc.Arbitrary<[(time: string) => UpstreamEvent, number][]> = fc.option(
  fc.integer({ min: FROM, max: Date.UTC(2021, 0, 1) }).map((time) => {
    const at = (offset: number) => time + offset * 1000;
    return [
      [
        (t: string) =>
          fact('AgreementSigned', t, { agreementId: 'A-0', effectiveFrom: t.slice(0, 10), expiresOn: '2023-06-30', businessModels: ['solution-provider'] }),
        at(0),
      ],
      [(t: string) => fact('TrainingCompleted', t, { courseId: 'vsp-foundation', learnerId: 'L-1' }), at(1)],
      [(t: string) => fact('TrainingCompleted', t, { courseId: 'vsp-foundation', learnerId: 'L-2' }), at(2)],
      [(t: string) => fact('TrainingCompleted', t, { courseId: 'ethics-compliance', learnerId: 'L-1' }), at(3)],
      [(t: string) => fact('DueDiligenceCompleted', t, { outcome: 'approved' }), at(4)],
      [(t: string) => fact('SolutionCompetencyEarned', t, { competency: 'vmc-on-aws' }), at(5)],
      [(t: string) => fact('MasterServicesCompetencyEarned', t, { competency: 'vmc-on-aws' }), at(6)],
    ] as [(time: string) => UpstreamEvent, number][];
  }),
  { freq: 5, nil: [] },
);

/** Upstream messages in arrival order (business times may go back), some of which the decider refuses. */
export const arbitraryMessages: fc.Arbitrary<UpstreamEvent[]> = fc
  .tuple(baseKit, fc.array(fc.tuple(candidate, fc.oneof(factTime, arbitraryTime)), { minLength: 5, maxLength: 60 }))
  .map(([kit, more]) => [...kit, ...more].map(([make, time]) => make(toIsoTime(time))));

/** A stream as the decider writes it, fact by fact, in arrival order, refusals included. */
export const arbitraryHistory: fc.Arbitrary<PartnerEvent[]> = arbitraryMessages.map((messages) => {
  const state = initialState();
  const history: PartnerEvent[] = [];
  for (const message of messages) {
    const decision = decide({ type: 'RecordFact', partnerId: PARTNER, fact: message }, state, DEFAULT_CATALOG);
    if (decision.kind === 'duplicate') continue;
    for (const event of decision.events) {
      history.push(event);
      evolveInPlace(state, event);
    }
  }
  return history;
});

export { foldEvents };
