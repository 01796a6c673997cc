import { pause as sleep } from '../../pause';
import type { StoredEvent } from '../../event-envelope';
import { expectIncreasing, headPosition, numbered, takeNext, uniqueStream, type ContractFixture } from './contract-fixture';

/** Catch-up subscriptions: catch up, go live, resume, filter, stop, backpressure. */
export function subscriptionContract(fx: () => ContractFixture): void {
  const open = (fromPosition: bigint, streamPrefix?: string, signal?: AbortSignal): AsyncIterator<StoredEvent> =>
    fx().store.subscribeToAll({ fromPosition, ...(streamPrefix === undefined ? {} : { streamPrefix }), ...(signal ? { signal } : {}) })[Symbol.asyncIterator]();

  it('catches up from the checkpoint, then delivers live appends in order', async () => {
    const s = uniqueStream();
    const head = await headPosition(fx().store);
    await fx().store.append(s, numbered(5), { expectedRevision: 'no_stream' });
    const sub = open(head);
    const caughtUp = await takeNext(sub, 5);
    const appended = fx().store.append(s, numbered(3, 5), { expectedRevision: 4 });
    const live = await takeNext(sub, 3);
    await sub.return?.();
    const all = [...caughtUp, ...live];
    expect(all.map((e) => e.data['n'])).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(live.map((e) => e.position)).toEqual((await appended).positions);
    expectIncreasing(all.map((e) => e.position));
  });

  it('delivers concurrent live appends from many streams once each, in position order', async () => {
    const head = await headPosition(fx().store);
    const sub = open(head);
    const streams = [uniqueStream(), uniqueStream(), uniqueStream(), uniqueStream()];
    const appends = Promise.all(Array.from({ length: 20 }, (_, i) => fx().store.append(streams[i % 4]!, numbered(1 + (i % 3), i * 10), { expectedRevision: 'any' })));
    const reported = (await appends).flatMap((r) => r.positions).sort((a, b) => (a < b ? -1 : 1));
    const delivered = await takeNext(sub, reported.length);
    await sub.return?.();
    expect(delivered.map((e) => e.position)).toEqual(reported);
  });

  it('resumes from a checkpoint without repeating or skipping', async () => {
    const [a, b] = [uniqueStream(), uniqueStream()];
    const head = await headPosition(fx().store);
    for (let i = 0; i < 5; i++) {
      await fx().store.append(a, numbered(1, i * 2), { expectedRevision: 'any' });
      await fx().store.append(b, numbered(1, i * 2 + 1), { expectedRevision: 'any' });
    }
    const first = open(head);
    const before = await takeNext(first, 4);
    await first.return?.();
    const resumed = open(before[3]!.position);
    const after = await takeNext(resumed, 6);
    await resumed.return?.();
    expect([...before, ...after].map((e) => e.data['n'])).toEqual([...Array(10).keys()]);
  });

  it('filters by stream prefix (default partner-, empty prefix for every stream)', async () => {
    const [x, y, z] = [uniqueStream('partner-'), uniqueStream('other-'), uniqueStream('partner-')];
    const head = await headPosition(fx().store);
    for (const s of [x, y, z]) await fx().store.append(s, numbered(1), { expectedRevision: 'no_stream' });
    const streamsOf = async (prefix: string | undefined, count: number): Promise<string[]> => {
      const sub = open(head, prefix);
      const events = await takeNext(sub, count);
      await sub.return?.();
      return events.map((e) => e.streamId);
    };
    expect(await streamsOf(undefined, 2)).toEqual([x, z]);
    expect(await streamsOf('other-', 1)).toEqual([y]);
    expect(await streamsOf('', 3)).toEqual([x, y, z]);
  });

  it('ends cleanly when the signal aborts while waiting for live events', async () => {
    const s = uniqueStream();
    const head = await headPosition(fx().store);
    const controller = new AbortController();
    const received: StoredEvent[] = [];
    let gotFirst!: () => void;
    const first = new Promise<void>((resolve) => (gotFirst = resolve));
    const consumer = (async () => {
      for await (const event of fx().store.subscribeToAll({ fromPosition: head, signal: controller.signal })) {
        received.push(event);
        gotFirst();
      }
    })();
    await fx().store.append(s, numbered(1), { expectedRevision: 'no_stream' });
    await first;
    await sleep(50); // now parked waiting for live events
    controller.abort();
    await expect(consumer).resolves.toBeUndefined();
    expect(received).toHaveLength(1);
  });

  it('return() ends a subscription parked waiting for live events', async () => {
    const sub = open(await headPosition(fx().store));
    const pending = sub.next();
    await sleep(50);
    await sub.return?.();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });

  it('applies backpressure: a consumer that stops pulling does not make the store read ahead', async () => {
    const s = uniqueStream();
    const head = await headPosition(fx().store);
    const total = 3000;
    for (let i = 0; i < total; i += 500) await fx().store.append(s, numbered(500, i), { expectedRevision: 'any' });
    const before = fx().subscriptionEventsFetched();
    const sub = open(head);
    await takeNext(sub, 10);
    await fx().store.append(s, numbered(1000, total), { expectedRevision: 'any' });
    await sleep(200);
    const fetched = fx().subscriptionEventsFetched() - before;
    expect(fetched).toBeGreaterThanOrEqual(10);
    expect(fetched).toBeLessThan(total / 2);
    const rest = await takeNext(sub, total + 1000 - 10, 20_000);
    await sub.return?.();
    expect(rest.at(-1)?.data['n']).toBe(total + 999);
  }, 30_000);
}
