import type { KafkaMessage } from 'kafkajs';
import { DLQ_HEADERS, MAX_REASON_BYTES, inSends, isDeadLetter, toDeadLetter, truncateUtf8 } from './dead-letter';
import { toUpstreamRecord } from './upstream-message';

const message = (value: string): KafkaMessage => ({
  key: Buffer.from('P-1'),
  value: Buffer.from(value),
  offset: '41',
  timestamp: '0',
  attributes: 0,
  headers: { trace: Buffer.from('t-1') },
});

describe('dead letters', () => {
  it('carry the key, value and headers as received plus outcome, reason, code and origin', () => {
    const record = toUpstreamRecord('up', 3, message('{"x":1}'));
    const letter = toDeadLetter('up', 3, record, { messageId: 'm', outcome: 'rejected', code: 'deal-not-booked', reason: 'deal D was never booked' });
    expect(letter.key?.toString()).toBe('P-1');
    expect(letter.value?.toString()).toBe('{"x":1}');
    expect(letter.headers).toEqual({
      trace: Buffer.from('t-1'),
      [DLQ_HEADERS.outcome]: 'rejected',
      [DLQ_HEADERS.reason]: 'deal D was never booked',
      [DLQ_HEADERS.code]: 'deal-not-booked',
      [DLQ_HEADERS.topic]: 'up',
      [DLQ_HEADERS.partition]: '3',
      [DLQ_HEADERS.offset]: '41',
    });
  });

  it('are written for invalid and rejected outcomes only', () => {
    expect(['appended', 'duplicate', 'invalid', 'rejected'].map((outcome) => isDeadLetter({ messageId: null, outcome } as never))).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('cut long reasons to a few KB on a character boundary', () => {
    const reason = 'é'.repeat(10_000);
    const cut = truncateUtf8(reason, MAX_REASON_BYTES);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(cut.endsWith('…[truncated]')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
    expect(truncateUtf8('short', MAX_REASON_BYTES)).toBe('short');
  });
});

describe('inSends', () => {
  const letter = (bytes: number) => ({ key: 'k', value: 'x'.repeat(bytes) });

  it('groups dead letters into sends under the size limit, in order, a large one alone', () => {
    const sends = inSends([letter(100), letter(100), letter(100), letter(1000), letter(10)], 400);
    expect(sends.map((send) => send.map((m) => (m.value as string).length))).toEqual([[100, 100], [100], [1000], [10]]);
    expect(inSends([])).toEqual([]);
  });
});
