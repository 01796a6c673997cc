import type { StoredEvent } from '@partner-program/event-store';
import type { Message } from 'kafkajs';
import { type Expected, creditsBooked, partnerScenarios } from './upstream-envelopes';

// ── Mixed upstream traffic whose outcomes are known by construction ─────────────────────────

/** Twenty-two messages per partner: 16 appended, 1 duplicate, 3 rejected, 2 invalid. */
export const PER_PARTNER: Readonly<Record<Expected, number>> = { appended: 16, duplicate: 1, rejected: 3, invalid: 2 };
const PER_LANE = Object.values(PER_PARTNER).reduce((a, b) => a + b, 0);

/** A message and what it must end as: its outcome and, when refused by the domain, the code. */
export type TrafficItem = Readonly<{ value: string; expected: Expected; code?: string }>;

type Envelope = Record<string, unknown>;

/**
 * One partner's messages in sending order: the signature, twelve bookings with business times
 * out of order (late and early), the same booking again, a booking's messageId with new content,
 * a reversal of a booked and of an unknown deal, a reversal sent before its deal's booking (refused,
 * and refused still when redelivered after the booking), an unknown area, a value that is not JSON,
 * and a training completed long before it was sent.
 */
export function partnerTraffic(partnerId: string, seed: number): TrafficItem[] {
  const signed = partnerScenarios(partnerId)[0]!;
  const bookings = Array.from({ length: 12 }, (_, n) => creditsBooked(partnerId, (n * 7 + seed) % 12));
  const reused = { ...bookings[5]!, data: { ...(bookings[5]!['data'] as Envelope), credits: 999 } };
  const reversal = (dealId: string, suffix: string): Envelope => ({
    messageId: `${partnerId}-rev-${suffix}`,
    type: 'CreditsReversed',
    partnerId,
    occurredAt: '2021-04-01T00:00:00Z',
    source: 'crm',
    data: { dealId },
  });
  const unknownArea = { ...creditsBooked(partnerId, 100), data: { dealId: 'D-100', area: 'no-such-area', credits: 1 } };
  const lateTraining: Envelope = {
    messageId: `${partnerId}-late-training`,
    type: 'TrainingCompleted',
    partnerId,
    occurredAt: '2021-02-03T00:00:00+02:00',
    source: 'lms',
    data: { courseId: 'vsp-foundation', learnerId: `L-${seed}` },
  };
  const json = (e: Envelope) => JSON.stringify(e);
  return [
    { value: signed.message.value as string, expected: 'appended' },
    ...bookings.map((b) => ({ value: json(b), expected: 'appended' as const })),
    { value: json(bookings[3]!), expected: 'duplicate' },
    { value: json(reused), expected: 'rejected', code: 'message-id-reused' },
    { value: json(reversal((bookings[2]!['data'] as Envelope)['dealId'] as string, 'booked')), expected: 'appended' },
    { value: json(reversal('D-never', 'unknown')), expected: 'rejected', code: 'deal-not-booked' },
    { value: json(reversal('D-early', 'early')), expected: 'rejected', code: 'deal-not-booked' },
    {
      value: json({ ...creditsBooked(partnerId, 200), messageId: `${partnerId}-book-early`, data: { dealId: 'D-early', area: 'vmc-on-aws', credits: 7 } }),
      expected: 'appended',
    },
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
  for (let step = 0; step < PER_LANE; step++) for (const lane of lanes) messages.push(lane[step]!);
  return messages;
}

/**
 * What the store must hold for each message of `partners` partners' traffic, by messageId:
 * `appended` for a stored fact, `rejected:<code>` for a refusal stored in the partner's stream.
 * Duplicates, reused ids and invalid messages store nothing of their own.
 */
export function designedRecords(partners: number): Map<string, string> {
  const records = new Map<string, string>();
  for (let i = 0; i < partners; i++) {
    for (const { value, expected, code } of partnerTraffic(`P-${String(i).padStart(5, '0')}`, i)) {
      if (expected === 'appended' || (expected === 'rejected' && code !== 'message-id-reused')) {
        records.set((JSON.parse(value) as { messageId: string }).messageId, expected === 'appended' ? 'appended' : `rejected:${code}`);
      }
    }
  }
  return records;
}

/** The same map read from stored events (a second record for one messageId is an error, kept visible). */
export function storedRecords(events: readonly StoredEvent[]): Map<string, string> {
  const records = new Map<string, string>();
  for (const event of events) {
    if (event.metadata.source === 'partner-program') continue; // decided by the backend (notices)
    const record = event.type === 'MessageRejected' ? `rejected:${String(event.data['code'])}` : 'appended';
    const id = event.metadata.messageId;
    records.set(id, records.has(id) ? `twice: ${records.get(id)} and ${record}` : record);
  }
  return records;
}
