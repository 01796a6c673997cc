import {
  ANY,
  AccessDeniedError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type RecordedEvent,
} from '@eventstore/db-client';
import fc from 'fast-check';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { testEvent } from '../testing/contract/contract-fixture';
import { isStreamNotFound, mapAppendError } from './esdb-errors';
import {
  commitPositionOf,
  fromEsdbCurrentRevision,
  fromEsdbExpectedRevision,
  fromEsdbRecordedEvent,
  isSystemEvent,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toEsdbPosition,
} from './esdb-mapping';

function recorded(overrides: Partial<RecordedEvent> & Record<string, unknown> = {}): RecordedEvent {
  return {
    streamId: 'partner-1',
    id: 'b6c5b0a8-6f0c-4a56-9f5e-6d1f3f2f7c11',
    isJson: true,
    revision: 3n,
    type: 'PartnerRegistered',
    created: new Date('2024-02-02T00:00:00.000Z'),
    data: { name: 'Acme' },
    metadata: { messageId: 'm-1', source: 'api', occurredAt: '2024-02-01T00:00:00.000Z', recordedAt: '2024-02-01T00:00:01.000Z', schemaVersion: 2 },
    position: { commit: 123_456n, prepare: 123_456n },
    ...overrides,
  } as RecordedEvent;
}

describe('ESDB mapping: expected revisions', () => {
  it('maps every mode both ways', () => {
    expect([toEsdbExpectedRevision('any'), toEsdbExpectedRevision('no_stream'), toEsdbExpectedRevision('stream_exists')]).toEqual([
      ANY,
      NO_STREAM,
      STREAM_EXISTS,
    ]);
    expect(toEsdbExpectedRevision(7)).toBe(7n);
    fc.assert(fc.property(fc.nat(), (n) => fromEsdbExpectedRevision(toEsdbExpectedRevision(n)) === n));
    for (const mode of ['any', 'no_stream', 'stream_exists'] as const) expect(fromEsdbExpectedRevision(toEsdbExpectedRevision(mode))).toBe(mode);
  });

  it('maps the current revision, refusing values a number cannot hold exactly', () => {
    expect(fromEsdbCurrentRevision(NO_STREAM)).toBe('no_stream');
    expect(fromEsdbCurrentRevision(41n)).toBe(41);
    expect(() => fromEsdbCurrentRevision(2n ** 53n)).toThrow(RangeError);
  });
});

describe('ESDB mapping: errors', () => {
  it('turns WrongExpectedVersionError into WrongExpectedRevisionError with the actual revision', () => {
    const existing = mapAppendError(new WrongExpectedVersionError(undefined, { streamName: 'partner-1', expected: 2n, current: 5n }), 'partner-1', 2);
    expect(existing).toBeInstanceOf(WrongExpectedRevisionError);
    expect(existing).toMatchObject({ streamId: 'partner-1', expected: 2, actual: 5 });
    const missing = mapAppendError(
      new WrongExpectedVersionError(undefined, { streamName: 'partner-1', expected: STREAM_EXISTS, current: NO_STREAM }),
      'partner-1',
      'stream_exists',
    );
    expect(missing).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
  });

  it('passes other errors through unchanged', () => {
    const denied = new AccessDeniedError(undefined, 'no');
    expect(mapAppendError(denied, 'partner-1', 'any')).toBe(denied);
  });

  it('recognises a missing stream', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'partner-1'))).toBe(true);
    expect(isStreamNotFound(new Error('x'))).toBe(false);
  });
});

describe('ESDB mapping: positions', () => {
  it('maps a checkpoint to a read position, exactly, beyond 2^53', () => {
    expect(toEsdbPosition(0n)).toBe(START);
    const big = 2n ** 62n + 12_345n;
    expect(toEsdbPosition(big)).toEqual({ commit: big, prepare: big });
    expect(commitPositionOf({ position: { commit: big, prepare: big } })).toBe(big);
  });

  it('treats a missing or all-ones position (old servers on stream reads) as unknown', () => {
    expect(commitPositionOf({})).toBeUndefined();
    expect(commitPositionOf({ position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n } })).toBeUndefined();
    expect(() => fromEsdbRecordedEvent(recorded({ position: undefined }))).toThrow(/no position/);
  });

  it('recognises system streams and events', () => {
    expect(isSystemEvent({ streamId: '$stats-1', type: 'x' })).toBe(true);
    expect(isSystemEvent({ streamId: 'partner-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'partner-1', type: 'PartnerRegistered' })).toBe(false);
    expect(isSystemEvent({ streamId: 'message-id-lms-1', type: 'MessageIdReserved' })).toBe(true);
  });
});

describe('ESDB mapping: events and metadata', () => {
  it('writes our metadata, recordedAt and schemaVersion as JSON event metadata under a fresh id', () => {
    const event = testEvent('PartnerRegistered', { name: 'Acme' }, { correlationId: 'c-1', actor: { role: 'admin', name: 'Ann' }, schemaVersion: 9 });
    const data = toEsdbEventData(event, '2024-03-03T00:00:00.000Z', 2, 'e3b0c442-98fc-4c14-9afb-f4c8996fb924');
    expect(data).toEqual({
      id: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924',
      contentType: 'application/json',
      type: 'PartnerRegistered',
      data: { name: 'Acme' },
      metadata: { ...event.metadata, schemaVersion: 2, recordedAt: '2024-03-03T00:00:00.000Z' },
    });
  });

  it('reads a recorded event back into a StoredEvent', () => {
    expect(fromEsdbRecordedEvent(recorded())).toEqual({
      streamId: 'partner-1',
      revision: 3,
      position: 123_456n,
      type: 'PartnerRegistered',
      data: { name: 'Acme' },
      metadata: { messageId: 'm-1', source: 'api', occurredAt: '2024-02-01T00:00:00.000Z', recordedAt: '2024-02-01T00:00:01.000Z', schemaVersion: 2 },
    });
  });

  it('fills recordedAt and schemaVersion for events written by other tools', () => {
    const legacy = fromEsdbRecordedEvent(recorded({ metadata: { messageId: 'm', source: 's', occurredAt: '2024-01-01T00:00:00Z' } }));
    expect(legacy.metadata).toMatchObject({ recordedAt: '2024-02-02T00:00:00.000Z', schemaVersion: 1 });
  });

  it('refuses binary or non-object events', () => {
    expect(() => fromEsdbRecordedEvent(recorded({ isJson: false, data: new Uint8Array([1]) } as never))).toThrow(/not a JSON event/);
    expect(() => fromEsdbRecordedEvent(recorded({ data: [1, 2] as never }))).toThrow(/not a JSON event/);
    expect(() => fromEsdbRecordedEvent(recorded({ metadata: undefined }))).toThrow(/not a JSON event/);
  });
});
