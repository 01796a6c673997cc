import { randomUUID } from 'node:crypto';
import { MessageIdInUseError } from '../../event-store.errors';
import { collect, numbered, testEvent, uniqueStream, type ContractFixture } from './contract-fixture';

/** A messageId belongs to one stream: the append itself refuses it for any other. */
export function messageIdContract(fx: () => ContractFixture): void {
  const withId = (messageId: string, n = 0) => testEvent('Identified', { n }, { messageId });

  it('refuses a messageId held by another stream, naming both, and writes nothing of that append', async () => {
    const [a, b] = [uniqueStream(), uniqueStream()];
    const id = `msg-${randomUUID()}`;
    await fx().store.append(a, [withId(id)], { expectedRevision: 'no_stream' });
    const error: unknown = await fx()
      .store.append(b, [...numbered(2), withId(id)], { expectedRevision: 'no_stream' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageIdInUseError);
    expect({ ...(error as MessageIdInUseError) }).toMatchObject({ messageId: id, streamId: a, appendedTo: b });
    expect(await fx().store.streamRevision(b)).toBe('no_stream');
    expect(await fx().store.append(b, numbered(1), { expectedRevision: 'no_stream' })).toMatchObject({ nextExpectedRevision: 0 });
  });

  it('of two concurrent appends of one messageId to two streams, exactly one is stored', async () => {
    for (let round = 0; round < 5; round++) {
      const id = `msg-${randomUUID()}`;
      const streams = [uniqueStream(), uniqueStream(), uniqueStream()];
      // Issued in one turn of the event loop: in a group-committing store they share a transaction.
      const outcomes = await Promise.allSettled(streams.map((s, i) => fx().store.append(s, [withId(id, i)], { expectedRevision: 'no_stream' })));
      const stored = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [streams[i]!] : []));
      expect(stored).toHaveLength(1);
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') continue;
        expect(outcome.reason).toBeInstanceOf(MessageIdInUseError);
        expect((outcome.reason as MessageIdInUseError).streamId).toBe(stored[0]);
      }
      const revisions = await Promise.all(streams.map((s) => fx().store.streamRevision(s)));
      expect(revisions.filter((r) => r === 0)).toHaveLength(1);
    }
  });

  it('leaves a messageId appended again to the stream holding it, or twice in one append, to the caller', async () => {
    const s = uniqueStream();
    const id = `msg-${randomUUID()}`;
    await fx().store.append(s, [withId(id, 0), withId(id, 1)], { expectedRevision: 'no_stream' });
    await fx().store.append(s, [withId(id, 2)], { expectedRevision: 1 });
    expect((await collect(fx().store.readStream(s))).map((e) => [e.metadata.messageId, e.data['n']])).toEqual([
      [id, 0],
      [id, 1],
      [id, 2],
    ]);
  });
}
