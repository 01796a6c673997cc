import { createHash } from 'node:crypto';
import { GENESIS_HASH, eventHash, nextPreviousHash, type HashedEvent } from './event-hash';

const event: HashedEvent = {
  streamId: 'partner-P-1',
  revision: 0,
  type: 'TrainingCompleted',
  data: { learnerId: 'L-1', courseId: 'vsp' },
  metadata: { messageId: 'm-1', source: 'lms', occurredAt: '2026-01-01T00:00:00Z', recordedAt: '2026-01-01T00:00:01.000Z', schemaVersion: 1 },
};

describe('eventHash', () => {
  it('is SHA-256 of the canonical JSON (keys sorted, no spaces) of the previous hash and the event as specified in docs/contract.md', () => {
    // Written out by hand, as an auditor re-implementing the hash would.
    const text =
      '{"data":{"courseId":"vsp","learnerId":"L-1"},"metadata":{"messageId":"m-1","occurredAt":"2026-01-01T00:00:00Z","recordedAt":"2026-01-01T00:00:01.000Z","schemaVersion":1,"source":"lms"},' +
      `"previousHash":"${GENESIS_HASH}","revision":0,"streamId":"partner-P-1","type":"TrainingCompleted"}`;
    expect(eventHash(GENESIS_HASH, event)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('does not depend on the order of keys', () => {
    const reordered = { ...event, data: { courseId: 'vsp', learnerId: 'L-1' }, metadata: { schemaVersion: 1, ...event.metadata } };
    expect(eventHash(GENESIS_HASH, reordered)).toBe(eventHash(GENESIS_HASH, event));
  });

  it.each<[string, Partial<HashedEvent>]>([
    ['data', { data: { learnerId: 'L-2', courseId: 'vsp' } }],
    ['metadata', { metadata: { ...event.metadata, recordedAt: '2026-01-01T00:00:02.000Z' } }],
    ['type', { type: 'TrainingRevoked' }],
    ['revision', { revision: 1 }],
    ['stream', { streamId: 'partner-P-2' }],
  ])('changes when the %s changes', (_, change) => {
    expect(eventHash(GENESIS_HASH, { ...event, ...change })).not.toBe(eventHash(GENESIS_HASH, event));
  });

  it('changes with the previous hash', () => {
    expect(eventHash('1'.repeat(64), event)).not.toBe(eventHash(GENESIS_HASH, event));
  });
});

describe('nextPreviousHash', () => {
  it('is the genesis hash for a new stream and the last event’s hash otherwise', () => {
    expect(nextPreviousHash('s', undefined)).toBe(GENESIS_HASH);
    expect(nextPreviousHash('s', { revision: 3, hash: 'abc' })).toBe('abc');
  });

  it('refuses to chain to an event without a hash', () => {
    expect(() => nextPreviousHash('s', { revision: 3, hash: null })).toThrow('s@3 has no hash: the hash chain upgrade has not run on this store');
  });
});
