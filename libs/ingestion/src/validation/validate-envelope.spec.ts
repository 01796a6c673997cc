import { UPSTREAM_EVENT_TYPES } from '@partner-program/domain';
import { toFact, validateEnvelope } from './index';
import { NOW, VALID_DATA, envelope, expectProblems, withData } from './valid-envelopes.fixture';

describe('validateEnvelope: valid messages', () => {
  it.each(UPSTREAM_EVENT_TYPES)('accepts a valid %s and toFact returns the domain event', (type) => {
    const body = envelope(type);
    const result = validateEnvelope(body, NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.envelope).toEqual(body);
    expect(toFact(result.envelope)).toEqual({
      type,
      data: VALID_DATA[type],
      meta: { messageId: `crm-${type}-1`, occurredAt: '2021-03-01T11:00:00Z', source: 'crm' },
    });
  });

  it.each([
    ['TrainingCompleted without expiresOn', withData('TrainingCompleted', { expiresOn: undefined })],
    ['an unknown course id (recorded, counts for nothing)', withData('TrainingCompleted', { courseId: 'some-other-course' })],
    ['CreditsBooked without accelerator or lifecycleStage', withData('CreditsBooked', { accelerator: undefined, lifecycleStage: undefined })],
    ['the smallest credits', withData('CreditsBooked', { credits: 0.01 })],
    ['two-decimal credits that are inexact floats', withData('CreditsBooked', { credits: 0.29 })],
    ['the largest credits', withData('CreditsBooked', { credits: 1e12 })],
    ['multiplier 1', withData('CreditsBooked', { accelerator: { code: 'A', multiplier: 1 } })],
    ['multiplier 10', withData('CreditsBooked', { accelerator: { code: 'A', multiplier: 10 } })],
    ['a six-decimal multiplier', withData('CreditsBooked', { accelerator: { code: 'A', multiplier: 1.123456 } })],
    ['open ids with . _ : @ # -', withData('CreditsReversed', { dealId: 'crm:deal@eu#1_2.3-x' })],
    ['an offset other than Z', envelope('DueDiligenceCompleted', { occurredAt: '2021-03-01T14:30:00+05:30' })],
    ['fractional seconds', envelope('DueDiligenceCompleted', { occurredAt: '2021-03-01T11:00:00.123456Z' })],
    ['a source with spaces and accents', envelope('DueDiligenceCompleted', { source: 'Légacy CRM' })],
  ])('accepts %s', (_name, body) => {
    expect(validateEnvelope(body, NOW)).toEqual({ ok: true, envelope: body });
  });

  it('accepts occurredAt exactly 5 minutes after now and rejects one millisecond more', () => {
    const atLimit = envelope('CreditsReversed', { occurredAt: '2021-03-01T12:05:00Z' });
    expect(validateEnvelope(atLimit, NOW).ok).toBe(true);
    const limitInOffset = envelope('CreditsReversed', { occurredAt: '2021-03-01T13:05:00+01:00' });
    expect(validateEnvelope(limitInOffset, NOW).ok).toBe(true);
    const beyond = envelope('CreditsReversed', { occurredAt: '2021-03-01T12:05:00.001Z' });
    expectProblems(validateEnvelope(beyond, NOW), [
      ['occurredAt', 'occurredAt must not be more than 5 minutes in the future (got 2021-03-01T12:05:00.001Z, latest accepted 2021-03-01T12:05:00.000Z)'],
    ]);
  });

  it('returns data independent of the received object', () => {
    const body = withData('CreditsBooked', {});
    const result = validateEnvelope(body, NOW);
    (body['data'] as { accelerator: { multiplier: number } }).accelerator.multiplier = 9;
    expect(result.ok && result.envelope.data['accelerator']).toEqual({ code: 'Q1-BOOST', multiplier: 1.5 });
  });
});

describe('validateEnvelope: collecting problems', () => {
  it('reports every broken rule, one problem each', () => {
    const body = { ...withData('CreditsBooked', { credits: 0 }), messageId: 'a b', source: '' };
    expectProblems(validateEnvelope(body, NOW), [
      ['messageId', 'messageId may only contain letters, digits and . _ : - (found " " at position 2)'],
      ['source', 'source must be 1–64 characters long (got 0)'],
      ['data.credits', 'data.credits must be greater than 0 (got 0)'],
    ]);
  });

  it('collects envelope and data problems together, with one problem per broken rule of a field', () => {
    const body = { ...withData('AgreementSigned', { agreementId: 'a/b', businessModels: [] }), partnerId: 'P/1'.repeat(30) };
    expectProblems(validateEnvelope(body, NOW), [
      ['partnerId', 'partnerId must be 1–64 characters long (got 90)'],
      ['partnerId', 'partnerId may only contain letters, digits and . _ - (found "/" at position 2)'],
      ['data.agreementId', 'data.agreementId may only contain letters, digits and . _ : @ # - (found "/" at position 2)'],
      ['data.businessModels', 'data.businessModels must list at least one business model'],
    ]);
  });

  it('still names the messageId, partnerId and type that are valid themselves', () => {
    const result = validateEnvelope(withData('CreditsBooked', { credits: -1 }), NOW);
    expect(result).toMatchObject({ ok: false, messageId: 'crm-CreditsBooked-1', partnerId: 'P-00042', type: 'CreditsBooked' });
  });

  it('leaves out identity fields that are invalid', () => {
    const result = validateEnvelope(envelope('CreditsReversed', { messageId: 'x'.repeat(200), partnerId: 7, type: 'Nope' }), NOW);
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('messageId');
    expect(result).not.toHaveProperty('partnerId');
    expect(result).not.toHaveProperty('type');
  });
});
