import type { Message } from 'kafkajs';
import { type Expected, creditsBooked, partnerScenarios } from './upstream-envelopes';

// ── Mixed upstream traffic whose outcomes are known by construction ─────────────────────────

/** Twenty messages per partner: 15 appended, 1 duplicate, 2 rejected, 2 invalid. */
export const PER_PARTNER: Readonly<Record<Expected, number>> = { appended: 15, duplicate: 1, rejected: 2, invalid: 2 };

type Envelope = Record<string, unknown>;

/**
 * One partner's messages in sending order: the signature, twelve bookings with business times
 * out of order (late and early), the same booking again, a booking's messageId with new content,
 * a reversal of a booked and of an unknown deal, an unknown area, a value that is not JSON, and
 * a training completed long before it was sent.
 */
export function partnerTraffic(partnerId: string, seed: number): Array<{ value: string; expected: Expected }> {
  const signed = partnerScenarios(partnerId)[0]!;
  const bookings = Array.from({ length: 12 }, (_, n) => creditsBooked(partnerId, (n * 7 + seed) % 12));
  const reused = { ...bookings[5]!, data: { ...(bookings[5]!['data'] as Envelope), credits: 999 } };
  const reversal = (dealId: string, suffix: string): Envelope => ({
    messageId: `${partnerId}-rev-${suffix}`, type: 'CreditsReversed', partnerId, occurredAt: '2021-04-01T00:00:00Z', source: 'crm', data: { dealId },
  });
  const unknownArea = { ...creditsBooked(partnerId, 100), data: { dealId: 'D-100', area: 'no-such-area', credits: 1 } };
  const lateTraining: Envelope = {
    messageId: `${partnerId}-late-training`, type: 'TrainingCompleted', partnerId, occurredAt: '2021-02-03T00:00:00+02:00', source: 'lms',
    data: { courseId: 'vsp-foundation', learnerId: `L-${seed}` },
  };
  const json = (e: Envelope) => JSON.stringify(e);
  return [
    { value: signed.message.value as string, expected: 'appended' },
    ...bookings.map((b) => ({ value: json(b), expected: 'appended' as const })),
    { value: json(bookings[3]!), expected: 'duplicate' },
    { value: json(reused), expected: 'rejected' },
    { value: json(reversal(((bookings[2]!['data'] as Envelope)['dealId'] as string), 'booked')), expected: 'appended' },
    { value: json(reversal('D-never', 'unknown')), expected: 'rejected' },
    { value: json(unknownArea), expected: 'invalid' },
    { value: `not json ${partnerId}`, expected: 'invalid' },
    { value: json(lateTraining), expected: 'appended' },
  ];
}

/** `partners` partners' traffic, interleaved round-robin (each partner's order kept), keyed by partner. */
export function mixedTraffic(partners: number): Message[] {
  const lanes = Array.from({ length: partners }, (_, i) => {
    const partnerId = `P-${String(i).padStart(5, '0')}`;
    return partnerTraffic(partnerId, i).map(({ value }) => ({ key: partnerId, value }));
  });
  const messages: Message[] = [];
  for (let step = 0; step < 20; step++) for (const lane of lanes) messages.push(lane[step]!);
  return messages;
}
