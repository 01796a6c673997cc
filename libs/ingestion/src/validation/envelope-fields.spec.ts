import { validateEnvelope } from './index';
import { LONG, NOW, envelope, expectProblems, type BadInput } from './valid-envelopes.fixture';

// ── Bad-input corpus: the envelope's own fields ───────────────────────────────────────────────

const ok = (overrides: Record<string, unknown>) => envelope('CreditsReversed', overrides);

const corpus: BadInput[] = [
  // missing and wrong kinds
  ['missing messageId', ok({ messageId: undefined }), [['messageId', 'messageId is required']]],
  ['null partnerId', ok({ partnerId: null }), [['partnerId', 'partnerId must not be null']]],
  ['missing data', ok({ data: undefined }), [['data', 'data is required']]],
  ['numeric messageId', ok({ messageId: 42 }), [['messageId', 'messageId must be a string (got number)']]],
  ['boolean source', ok({ source: true }), [['source', 'source must be a string (got boolean)']]],
  ['occurredAt as epoch ms', ok({ occurredAt: NOW }), [['occurredAt', 'occurredAt must be a string (got number)']]],
  ['data as a string', ok({ data: '{"dealId":"D-1"}' }), [['data', 'data must be an object (got string)']]],
  ['data as an array', ok({ data: [] }), [['data', 'data must be an object (got array)']]],
  ['data null', ok({ data: null }), [['data', 'data must not be null']]],
  ['type as an array', ok({ type: ['CreditsReversed'] }), [['type', 'type must be a string (got array)']]],
  // lengths and charsets
  ['empty messageId', ok({ messageId: '' }), [['messageId', 'messageId must be 1–128 characters long (got 0)']]],
  ['129-char messageId', ok({ messageId: LONG(129) }), [['messageId', 'messageId must be 1–128 characters long (got 129)']]],
  ['messageId with @', ok({ messageId: 'lms@1' }), [['messageId', 'messageId may only contain letters, digits and . _ : - (found "@" at position 4)']]],
  ['partnerId with a colon', ok({ partnerId: 'P:1' }), [['partnerId', 'partnerId may only contain letters, digits and . _ - (found ":" at position 2)']]],
  ['65-char partnerId', ok({ partnerId: LONG(65) }), [['partnerId', 'partnerId must be 1–64 characters long (got 65)']]],
  ['65-char source', ok({ source: LONG(65) }), [['source', 'source must be 1–64 characters long (got 65)']]],
  ['empty source', ok({ source: '' }), [['source', 'source must be 1–64 characters long (got 0)']]],
  // type
  [
    'unknown type',
    ok({ type: 'CreditsDeleted' }),
    [
      [
        'type',
        'type must be a known upstream event type, one of: AgreementSigned, AgreementRenewed, AgreementTerminated, BusinessModelsChanged, TrainingCompleted, TrainingRevoked, DueDiligenceCompleted, ProgrammeFeePaid, SolutionCompetencyEarned, SolutionCompetencyLapsed, MasterServicesCompetencyEarned, MasterServicesCompetencyLapsed, CreditsBooked, CreditsReversed (got "CreditsDeleted")',
      ],
    ],
  ],
  ['type in the wrong case', ok({ type: 'creditsReversed' }), [['type', '(got "creditsReversed")']]],
  // occurredAt
  [
    'occurredAt without offset',
    ok({ occurredAt: '2021-03-01T11:00:00' }),
    [['occurredAt', 'occurredAt must include a UTC offset, Z or ±hh:mm (got "2021-03-01T11:00:00")']],
  ],
  [
    'occurredAt as a date only',
    ok({ occurredAt: '2021-03-01' }),
    [['occurredAt', 'occurredAt must be an ISO-8601 timestamp such as 2020-02-14T10:00:00Z (got "2021-03-01")']],
  ],
  ['occurredAt in another format', ok({ occurredAt: 'Mon, 01 Mar 2021 11:00:00 GMT' }), [['occurredAt', 'must be an ISO-8601 timestamp such as']]],
  [
    'occurredAt on 2021-02-30',
    ok({ occurredAt: '2021-02-30T10:00:00Z' }),
    [['occurredAt', 'occurredAt must be a real calendar time (got "2021-02-30T10:00:00Z")']],
  ],
  ['occurredAt at 24:00', ok({ occurredAt: '2021-02-01T24:00:00Z' }), [['occurredAt', 'occurredAt must be a real calendar time']]],
  ['occurredAt with offset +25:00', ok({ occurredAt: '2021-02-01T10:00:00+25:00' }), [['occurredAt', 'occurredAt must be a real calendar time']]],
  [
    'occurredAt 6 minutes ahead',
    ok({ occurredAt: '2021-03-01T12:06:00Z' }),
    [['occurredAt', 'occurredAt must not be more than 5 minutes in the future (got 2021-03-01T12:06:00Z, latest accepted 2021-03-01T12:05:00.000Z)']],
  ],
  ['occurredAt a year ahead', ok({ occurredAt: '2022-03-01T12:00:00+01:00' }), [['occurredAt', 'must not be more than 5 minutes in the future']]],
  // unknown fields
  [
    'unknown top-level field',
    { ...ok({}), priority: 'high' },
    [['priority', 'priority is not an allowed field (allowed: messageId, type, partnerId, occurredAt, source, data)']],
  ],
  [
    'misspelt field',
    { ...ok({ partnerId: undefined }), partnerID: 'P-1' },
    [
      ['partnerID', 'partnerID is not an allowed field'],
      ['partnerId', 'partnerId is required'],
    ],
  ],
];

describe('validateEnvelope: bad envelope fields', () => {
  it.each(corpus)('rejects %s', (_name, body, problems) => {
    expectProblems(validateEnvelope(body, NOW), problems);
  });

  it('reports an empty object field by field', () => {
    expectProblems(validateEnvelope({}, NOW), [
      ['messageId', 'messageId is required'],
      ['type', 'type is required'],
      ['partnerId', 'partnerId is required'],
      ['occurredAt', 'occurredAt is required'],
      ['source', 'source is required'],
      ['data', 'data is required'],
    ]);
  });

  it('does not judge data when the type is unknown', () => {
    const body = ok({ type: 'Nope', data: { whatever: 1 } });
    expectProblems(validateEnvelope(body, NOW), [['type', '(got "Nope")']]);
  });
});
