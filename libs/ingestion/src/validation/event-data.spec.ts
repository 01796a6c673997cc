import { validateEnvelope } from './index';
import { LONG, NOW, expectProblems, withData, type BadInput } from './valid-envelopes.fixture';

// ── Bad-input corpus: data of agreement, training, standing and competency facts ──────────────

const MODELS = 'one of: solution-provider, cloud-services, subscription-software';

const corpus: BadInput[] = [
  // AgreementSigned
  ['AgreementSigned without agreementId', withData('AgreementSigned', { agreementId: undefined }), [['data.agreementId', 'data.agreementId is required']]],
  [
    'expiresOn equal to effectiveFrom',
    withData('AgreementSigned', { effectiveFrom: '2021-02-01', expiresOn: '2021-02-01' }),
    [['data.expiresOn', 'data.expiresOn must be after effectiveFrom "2021-02-01" (got "2021-02-01")']],
  ],
  [
    'expiresOn before effectiveFrom',
    withData('AgreementSigned', { expiresOn: '2020-12-31' }),
    [['data.expiresOn', 'data.expiresOn must be after effectiveFrom "2021-02-01" (got "2020-12-31")']],
  ],
  [
    'effectiveFrom 2021-02-30',
    withData('AgreementSigned', { effectiveFrom: '2021-02-30' }),
    [['data.effectiveFrom', 'data.effectiveFrom must be a real calendar date YYYY-MM-DD (got "2021-02-30")']],
  ],
  [
    'effectiveFrom as a timestamp',
    withData('AgreementSigned', { effectiveFrom: '2021-02-01T00:00:00Z' }),
    [['data.effectiveFrom', 'must be a real calendar date YYYY-MM-DD (got "2021-02-01T00:00:00Z")']],
  ],
  [
    'expiresOn 2021-13-01',
    withData('AgreementSigned', { expiresOn: '2021-13-01' }),
    [['data.expiresOn', 'data.expiresOn must be a real calendar date YYYY-MM-DD (got "2021-13-01")']],
  ],
  [
    'empty businessModels',
    withData('AgreementSigned', { businessModels: [] }),
    [['data.businessModels', 'data.businessModels must list at least one business model']],
  ],
  [
    'businessModels as a string',
    withData('AgreementSigned', { businessModels: 'cloud-services' }),
    [['data.businessModels', 'data.businessModels must be an array (got string)']],
  ],
  [
    'unknown business model',
    withData('AgreementSigned', { businessModels: ['reseller'] }),
    [['data.businessModels', `data.businessModels must contain only known business models, ${MODELS} (got "reseller")`]],
  ],
  ['non-string business model', withData('BusinessModelsChanged', { businessModels: [42] }), [['data.businessModels', '(got 42)']]],
  [
    'duplicate business models',
    withData('AgreementSigned', { businessModels: ['cloud-services', 'cloud-services'] }),
    [['data.businessModels', 'data.businessModels must not list a business model twice (repeated: "cloud-services")']],
  ],
  [
    'unknown field in AgreementSigned data',
    withData('AgreementSigned', { tier: 'gold' }),
    [['data.tier', 'data.tier is not an allowed field (allowed: agreementId, effectiveFrom, expiresOn, businessModels)']],
  ],
  // AgreementRenewed / AgreementTerminated
  ['AgreementRenewed without expiresOn', withData('AgreementRenewed', { expiresOn: undefined }), [['data.expiresOn', 'data.expiresOn is required']]],
  [
    'AgreementRenewed with effectiveFrom',
    withData('AgreementRenewed', { effectiveFrom: '2021-01-01' }),
    [['data.effectiveFrom', 'data.effectiveFrom is not an allowed field (allowed: agreementId, expiresOn)']],
  ],
  ['empty reason', withData('AgreementTerminated', { reason: '' }), [['data.reason', 'data.reason must be 1–500 characters long (got 0)']]],
  ['501-char reason', withData('AgreementTerminated', { reason: LONG(501) }), [['data.reason', 'data.reason must be 1–500 characters long (got 501)']]],
  ['numeric reason', withData('AgreementTerminated', { reason: 3 }), [['data.reason', 'data.reason must be a string (got number)']]],
  // Training
  ['TrainingCompleted without learnerId', withData('TrainingCompleted', { learnerId: undefined }), [['data.learnerId', 'data.learnerId is required']]],
  ['numeric learnerId', withData('TrainingRevoked', { learnerId: 77 }), [['data.learnerId', 'data.learnerId must be a string (got number)']]],
  [
    'courseId with a space',
    withData('TrainingCompleted', { courseId: 'vsp foundation' }),
    [['data.courseId', 'data.courseId may only contain letters, digits and . _ : @ # - (found " " at position 4)']],
  ],
  [
    'training expiresOn 2021-02-29',
    withData('TrainingCompleted', { expiresOn: '2021-02-29' }),
    [['data.expiresOn', 'data.expiresOn must be a real calendar date YYYY-MM-DD (got "2021-02-29")']],
  ],
  ['training expiresOn null', withData('TrainingCompleted', { expiresOn: null }), [['data.expiresOn', 'data.expiresOn must be a string (got null)']]],
  [
    'TrainingRevoked with expiresOn',
    withData('TrainingRevoked', { expiresOn: '2022-01-01' }),
    [['data.expiresOn', 'data.expiresOn is not an allowed field (allowed: courseId, learnerId)']],
  ],
  // Standing
  [
    'unknown due-diligence outcome',
    withData('DueDiligenceCompleted', { outcome: 'pending' }),
    [['data.outcome', 'data.outcome must be a known due-diligence outcome, one of: approved, rejected (got "pending")']],
  ],
  ['zero fee', withData('ProgrammeFeePaid', { amount: 0 }), [['data.amount', 'data.amount must be greater than 0 (got 0)']]],
  ['negative fee', withData('ProgrammeFeePaid', { amount: -10 }), [['data.amount', 'data.amount must be greater than 0 (got -10)']]],
  ['fee as a string', withData('ProgrammeFeePaid', { amount: '1500' }), [['data.amount', 'data.amount must be a number (got string)']]],
  [
    'lower-case currency',
    withData('ProgrammeFeePaid', { currency: 'eur' }),
    [['data.currency', 'data.currency must be an ISO 4217 currency code, such as EUR or USD (got "eur")']],
  ],
  ['four-letter currency', withData('ProgrammeFeePaid', { currency: 'EURO' }), [['data.currency', '(got "EURO")']]],
  // Three upper-case letters were enough: XQQ is no ISO 4217 code, so no fee was ever paid in it.
  [
    'a currency ISO 4217 does not define',
    withData('ProgrammeFeePaid', { currency: 'XQQ' }),
    [['data.currency', 'data.currency must be an ISO 4217 currency code, such as EUR or USD (got "XQQ")']],
  ],
  [
    'periodEnd not a date',
    withData('ProgrammeFeePaid', { periodEnd: '31/12/2021' }),
    [['data.periodEnd', 'data.periodEnd must be a real calendar date YYYY-MM-DD (got "31/12/2021")']],
  ],
  // Competencies
  [
    'unknown solution competency',
    withData('SolutionCompetencyEarned', { competency: 'quantum' }),
    [['data.competency', 'data.competency must be a known solution competency, one of: server-virtualization,']],
  ],
  [
    'MSC id as a solution competency',
    withData('SolutionCompetencyLapsed', { competency: 'digital-workspace' }),
    [['data.competency', 'must be a known solution competency']],
  ],
  [
    'solution competency as an MSC',
    withData('MasterServicesCompetencyEarned', { competency: 'hci' }),
    [['data.competency', 'data.competency must be a known master services competency, one of: data-center-virtualization,']],
  ],
  ['unknown MSC lapse', withData('MasterServicesCompetencyLapsed', { competency: 'network-security' }), [['data.competency', '(got "network-security")']]],
  [
    'competency expiresOn not a date',
    withData('SolutionCompetencyEarned', { expiresOn: 'never' }),
    [['data.expiresOn', 'data.expiresOn must be a real calendar date YYYY-MM-DD (got "never")']],
  ],
];

describe('validateEnvelope: bad event data', () => {
  it.each(corpus)('rejects %s', (_name, body, problems) => {
    expectProblems(validateEnvelope(body, NOW), problems);
  });

  it('reports every missing field of an empty data object', () => {
    const body = withData('AgreementSigned', { agreementId: undefined, effectiveFrom: undefined, expiresOn: undefined, businessModels: undefined });
    expectProblems(validateEnvelope(body, NOW), [
      ['data.agreementId', 'data.agreementId is required'],
      ['data.effectiveFrom', 'data.effectiveFrom is required'],
      ['data.expiresOn', 'data.expiresOn is required'],
      ['data.businessModels', 'data.businessModels is required'],
    ]);
  });

  it('reports an unknown and a duplicate business model as two broken rules', () => {
    const body = withData('BusinessModelsChanged', { businessModels: ['x', 'cloud-services', 'cloud-services'] });
    expectProblems(validateEnvelope(body, NOW), [
      ['data.businessModels', '(got "x")'],
      ['data.businessModels', 'must not list a business model twice (repeated: "cloud-services")'],
    ]);
  });
});
