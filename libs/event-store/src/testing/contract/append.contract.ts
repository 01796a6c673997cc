import { InvalidAppendError, WrongExpectedRevisionError } from '../../event-store.errors';
import type { ExpectedRevision } from '../../expected-revision';
import { collect, headPosition, numbered, readAllAfter, testEvent, uniqueStream, type ContractFixture } from './contract-fixture';

/** Expected-revision semantics, atomicity and input validation. */
export function appendContract(fx: () => ContractFixture): void {
  async function conflict(streamId: string, expected: ExpectedRevision): Promise<WrongExpectedRevisionError> {
    const error: unknown = await fx()
      .store.append(streamId, [testEvent()], { expectedRevision: expected })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    return error as WrongExpectedRevisionError;
  }

  describe('expected revision', () => {
    it('no_stream creates a stream and refuses an existing one, reporting the actual revision', async () => {
      const s = uniqueStream();
      const first = await fx().store.append(s, numbered(2), { expectedRevision: 'no_stream' });
      expect(first.nextExpectedRevision).toBe(1);
      const error = await conflict(s, 'no_stream');
      expect({ stream: error.streamId, expected: error.expected, actual: error.actual }).toEqual({ stream: s, expected: 'no_stream', actual: 1 });
    });

    it('stream_exists refuses a missing stream (actual no_stream) and accepts an existing one', async () => {
      const s = uniqueStream();
      expect((await conflict(s, 'stream_exists')).actual).toBe('no_stream');
      await fx().store.append(s, [testEvent()], { expectedRevision: 'no_stream' });
      const result = await fx().store.append(s, [testEvent()], { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(1);
    });

    it('an exact revision must match the last event; a mismatch reports the actual revision', async () => {
      const s = uniqueStream();
      expect((await conflict(s, 0)).actual).toBe('no_stream');
      await fx().store.append(s, numbered(3), { expectedRevision: 'no_stream' });
      const stale = await conflict(s, 1);
      expect([stale.expected, stale.actual]).toEqual([1, 2]);
      expect((await conflict(s, 3)).actual).toBe(2);
      const ok = await fx().store.append(s, [testEvent()], { expectedRevision: 2 });
      expect(ok.nextExpectedRevision).toBe(3);
    });

    it('any never conflicts', async () => {
      const s = uniqueStream();
      expect((await fx().store.append(s, [testEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(0);
      expect((await fx().store.append(s, numbered(2), { expectedRevision: 'any' })).nextExpectedRevision).toBe(2);
    });

    it('streamRevision reports no_stream, then the last revision', async () => {
      const s = uniqueStream();
      expect(await fx().store.streamRevision(s)).toBe('no_stream');
      await fx().store.append(s, numbered(4), { expectedRevision: 'no_stream' });
      expect(await fx().store.streamRevision(s)).toBe(3);
    });
  });

  describe('atomic multi-event appends', () => {
    it('writes consecutive revisions and reports one position per event', async () => {
      const s = uniqueStream();
      const result = await fx().store.append(s, numbered(3), { expectedRevision: 'no_stream' });
      const read = await collect(fx().store.readStream(s));
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(read.map((e) => e.position)).toEqual(result.positions);
      expect(result.position).toBe(result.positions[2]);
    });

    it('a conflicting multi-event append writes nothing, anywhere', async () => {
      const s = uniqueStream();
      await fx().store.append(s, numbered(1), { expectedRevision: 'no_stream' });
      const head = await headPosition(fx().store);
      await expect(fx().store.append(s, numbered(5, 1), { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await collect(fx().store.readStream(s))).toHaveLength(1);
      expect(await readAllAfter(fx().store, head, new Set([s]))).toEqual([]);
      expect(await fx().store.streamRevision(s)).toBe(0);
    });
  });

  describe('invalid input', () => {
    it.each([
      ['no events', uniqueStream(), []],
      ['empty stream id', '', [testEvent()]],
      ['system stream id', '$all', [testEvent()]],
      ['empty type', uniqueStream(), [{ ...testEvent(), type: '' }]],
      ['non-object data', uniqueStream(), [{ ...testEvent(), data: [1] as unknown as Record<string, unknown> }]],
      ['missing messageId', uniqueStream(), [testEvent('T', {}, { messageId: '' })]],
      ['bad occurredAt', uniqueStream(), [testEvent('T', {}, { occurredAt: 'yesterday' })]],
      ['BigInt in data', uniqueStream(), [testEvent('T', { big: 1n })]],
    ])('rejects %s with InvalidAppendError', async (_label, streamId, events) => {
      await expect(fx().store.append(streamId, events, { expectedRevision: 'any' })).rejects.toBeInstanceOf(InvalidAppendError);
    });

    it('rejects an invalid expected revision', async () => {
      const bad = -1 as unknown as ExpectedRevision;
      await expect(fx().store.append(uniqueStream(), [testEvent()], { expectedRevision: bad })).rejects.toBeInstanceOf(InvalidAppendError);
    });
  });
}
