import { WrongExpectedRevisionError } from '../../event-store.errors';
import type { ExpectedRevision } from '../../expected-revision';
import { expectIncreasing, numbered, testEvent, uniqueStream, type ContractFixture, type ContractOptions } from './contract-fixture';

/** Races between writers of one stream, and a stream far larger than any page or cache. */
export function scaleContract(fx: () => ContractFixture, options: ContractOptions): void {
  async function race(streamId: string, expected: ExpectedRevision, writers: number) {
    const outcomes = await Promise.allSettled(
      Array.from({ length: writers }, (_, i) => fx().store.append(streamId, [testEvent('Raced', { writer: i })], { expectedRevision: expected })),
    );
    const winners = outcomes.filter((o) => o.status === 'fulfilled');
    const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    return { winners, losers };
  }

  it('exactly one of many concurrent appends with the same expected revision wins', async () => {
    const s = uniqueStream();
    await fx().store.append(s, numbered(1), { expectedRevision: 'no_stream' });
    const { winners, losers } = await race(s, 0, 12);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(11);
    for (const error of losers) {
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect((error as WrongExpectedRevisionError).actual).toBe(1);
    }
    expect(await fx().store.streamRevision(s)).toBe(1);
  });

  it('exactly one of many concurrent no_stream appends creates the stream', async () => {
    const s = uniqueStream();
    const { winners, losers } = await race(s, 'no_stream', 8);
    expect(winners).toHaveLength(1);
    expect(losers.every((e) => e instanceof WrongExpectedRevisionError && e.actual === 0)).toBe(true);
  });

  const size = options.largeStreamEvents ?? 100_000;
  it(`appends ${size} events in batches and reads them back in order`, async () => {
    const s = uniqueStream();
    const batch = 1000;
    for (let start = 0; start < size; start += batch) {
      const count = Math.min(batch, size - start);
      await fx().store.append(s, numbered(count, start), { expectedRevision: start === 0 ? 'no_stream' : start - 1 });
    }
    expect(await fx().store.streamRevision(s)).toBe(size - 1);
    let expected = 0;
    const positions: bigint[] = [];
    for await (const event of fx().store.readStream(s)) {
      if (event.revision !== expected || event.data['n'] !== expected) throw new Error(`event ${expected} out of order`);
      positions.push(event.position);
      expected += 1;
    }
    expect(expected).toBe(size);
    expectIncreasing(positions);
  }, 60_000);
}
