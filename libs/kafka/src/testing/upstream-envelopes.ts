import type { Message } from 'kafkajs';

// ── Upstream messages of every outcome, for Kafka tests ──────────────────────────────────────

/** What a test message should end as. */
export type Expected = 'appended' | 'duplicate' | 'invalid' | 'rejected';

/** A message to produce and the outcome it must get. */
export type Scenario = Readonly<{ message: Message; expected: Expected; messageId: string | null; label: string }>;

type Envelope = Record<string, unknown>;

function envelope(partnerId: string, messageId: string, type: string, data: Record<string, unknown>, occurredAt = '2021-02-01T10:00:00Z'): Envelope {
  return { messageId, type, partnerId, occurredAt, source: 'crm', data };
}

function scenario(partnerId: string, body: Envelope | string, expected: Expected, label: string): Scenario {
  const value = typeof body === 'string' ? body : JSON.stringify(body);
  const messageId = typeof body === 'string' ? null : ((body['messageId'] as string | undefined) ?? null);
  return { message: { key: partnerId, value }, expected, messageId, label };
}

/**
 * Seven messages for one partner, in the order they must be handled: sign, train, the same
 * training again (duplicate), its messageId with new content (rejected), renewing an unknown
 * agreement (rejected), an envelope without `source` (invalid) and a value that is not JSON (invalid).
 */
export function partnerScenarios(partnerId: string): Scenario[] {
  const id = (suffix: string) => `${partnerId}-${suffix}`;
  const signed = envelope(partnerId, id('sign'), 'AgreementSigned', {
    agreementId: `A-${partnerId}`,
    effectiveFrom: '2021-02-01',
    expiresOn: '2022-01-31',
    businessModels: ['solution-provider'],
  });
  const trained = envelope(partnerId, id('train'), 'TrainingCompleted', { courseId: 'vsp-foundation', learnerId: 'L-1' }, '2021-02-02T10:00:00Z');
  const reused = { ...trained, data: { courseId: 'vsp-foundation', learnerId: 'L-2' } };
  const renewUnknown = envelope(partnerId, id('renew'), 'AgreementRenewed', { agreementId: 'A-unknown', expiresOn: '2023-01-31' });
  const noSource: Envelope = { ...envelope(partnerId, id('nosource'), 'DueDiligenceCompleted', { outcome: 'approved' }) };
  delete noSource['source'];
  return [
    scenario(partnerId, signed, 'appended', 'signed'),
    scenario(partnerId, trained, 'appended', 'trained'),
    scenario(partnerId, trained, 'duplicate', 'same message again'),
    scenario(partnerId, reused, 'rejected', 'messageId reused with new content'),
    scenario(partnerId, renewUnknown, 'rejected', 'renewing an unknown agreement'),
    scenario(partnerId, noSource, 'invalid', 'no source'),
    scenario(partnerId, `{"messageId": "${id('broken')}", oops`, 'invalid', 'not JSON'),
  ];
}

/** A valid, distinct fact number `n` of a partner that signed with {@link partnerScenarios}. */
export function creditsBooked(partnerId: string, n: number): Envelope {
  const day = String(1 + (n % 27)).padStart(2, '0');
  return envelope(
    partnerId,
    `${partnerId}-deal-${n}`,
    'CreditsBooked',
    { dealId: `D-${n}`, area: 'vmc-on-aws', credits: 100 + (n % 50) },
    `2021-03-${day}T08:00:00Z`,
  );
}

/** Counts of expected outcomes. */
export function countExpected(scenarios: readonly Scenario[]): Record<Expected, number> {
  const counts: Record<Expected, number> = { appended: 0, duplicate: 0, invalid: 0, rejected: 0 };
  for (const s of scenarios) counts[s.expected] += 1;
  return counts;
}
