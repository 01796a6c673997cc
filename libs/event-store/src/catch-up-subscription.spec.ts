import { AppendNotifier } from './append-notifier';
import { catchUpSubscription, type CatchUpSource } from './catch-up-subscription';

interface Row {
  position: bigint;
  stream: string;
}

/** An in-memory log driving the subscription, counting page reads. */
function memoryLog() {
  const rows: Row[] = [];
  const notifier = new AppendNotifier(60_000);
  const reads: number[] = [];
  const source: CatchUpSource<Row, string> = {
    readPage: (after, max) => {
      const page = rows.filter((r) => r.position > after).slice(0, max);
      reads.push(page.length);
      return page;
    },
    positionOf: (r) => r.position,
    streamIdOf: (r) => r.stream,
    decode: (r) => `${r.stream}@${r.position}`,
    waitForAppendAfter: (p, signal) => notifier.waitForAppendAfter(p, signal),
  };
  const append = (...streams: string[]): void => {
    for (const stream of streams) rows.push({ position: BigInt(rows.length + 1), stream });
    notifier.published(BigInt(rows.length));
  };
  return { source, append, reads };
}

describe('catchUpSubscription', () => {
  it('reads a page only when the consumer pulls past the previous one', async () => {
    const log = memoryLog();
    log.append(...Array.from({ length: 10 }, () => 'partner-a'));
    const sub = catchUpSubscription(log.source, { fromPosition: 0n, streamPrefix: 'partner-', pageSize: 3 });
    await sub.next();
    expect(log.reads).toEqual([3]);
    await sub.next();
    await sub.next();
    expect(log.reads).toEqual([3]);
    await sub.next();
    expect(log.reads).toEqual([3, 3]);
    await sub.return();
  });

  it('moves past filtered-out rows and wakes up for live appends', async () => {
    const log = memoryLog();
    log.append('other-1', 'partner-a');
    const sub = catchUpSubscription(log.source, { fromPosition: 0n, streamPrefix: 'partner-', pageSize: 10 });
    expect((await sub.next()).value).toBe('partner-a@2');
    const live = sub.next();
    log.append('other-2', 'partner-b');
    expect((await live).value).toBe('partner-b@4');
    await sub.return();
  });

  it('does not lose a wake-up for an append published between its read and its wait', async () => {
    const log = memoryLog();
    log.append('partner-a');
    const sub = catchUpSubscription(log.source, { fromPosition: 0n, streamPrefix: '', pageSize: 10 });
    await sub.next();
    log.append('partner-b'); // published before the subscription parks
    expect((await sub.next()).value).toBe('partner-b@2');
    await sub.return();
  });

  it('ends when the signal aborts, even while parked', async () => {
    const log = memoryLog();
    const controller = new AbortController();
    const sub = catchUpSubscription(log.source, { fromPosition: 0n, streamPrefix: '', pageSize: 10, signal: controller.signal });
    const parked = sub.next();
    controller.abort();
    await expect(parked).resolves.toEqual({ done: true, value: undefined });
  });

  it('does nothing when started with an aborted signal', async () => {
    const log = memoryLog();
    log.append('partner-a');
    const sub = catchUpSubscription(log.source, { fromPosition: 0n, streamPrefix: '', pageSize: 10, signal: AbortSignal.abort() });
    expect(await sub.next()).toEqual({ done: true, value: undefined });
    expect(log.reads).toEqual([]);
  });
});
