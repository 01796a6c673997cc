import { resubscribingIterator, type ResubscribeOptions } from './resubscribing-iterator';

class Transient extends Error {}

/** Each call to open() plays the next script: items (positions) then an optional failure. */
function scripted(scripts: Array<{ items: number[]; fail?: Error }>) {
  const opens: bigint[] = [];
  const open = (from: bigint): AsyncIterable<number> => {
    opens.push(from);
    const script = scripts.shift() ?? { items: [] };
    return (async function* () {
      for (const item of script.items) yield item;
      if (script.fail) throw script.fail;
    })();
  };
  return { open, opens };
}

function options(open: ResubscribeOptions<number>['open'], extra: Partial<ResubscribeOptions<number>> = {}): ResubscribeOptions<number> {
  return {
    fromPosition: 0n, open, positionOf: (n) => BigInt(n), isTransient: (e) => e instanceof Transient,
    retryDelayMs: 0, maxConsecutiveFailures: 3, ...extra,
  };
}

async function take(iterator: AsyncIterator<number>, count: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < count) {
    const r = await iterator.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

describe('resubscribingIterator', () => {
  it('reopens from the last delivered position after a transient failure, dropping replays', async () => {
    const { open, opens } = scripted([
      { items: [1, 2, 3], fail: new Transient() },
      { items: [3, 4, 5], fail: new Transient() }, // server replays the boundary event 3
      { items: [6] },
    ]);
    const it = resubscribingIterator(options(open));
    expect(await take(it, 6)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(opens).toEqual([0n, 3n, 5n]);
    await it.return();
  });

  it('treats an ended subscription as dropped and reopens it', async () => {
    const { open, opens } = scripted([{ items: [1] }, { items: [2] }]);
    const it = resubscribingIterator(options(open));
    expect(await take(it, 2)).toEqual([1, 2]);
    expect(opens).toEqual([0n, 1n]);
    await it.return();
  });

  it('rethrows a non-transient error at once', async () => {
    const { open } = scripted([{ items: [1], fail: new Error('access denied') }]);
    const it = resubscribingIterator(options(open));
    expect((await it.next()).value).toBe(1);
    await expect(it.next()).rejects.toThrow('access denied');
  });

  it('gives up after too many consecutive failures, but a delivered item resets the count', async () => {
    const failing = Array.from({ length: 3 }, () => ({ items: [], fail: new Transient('down') }));
    // After the item the count restarts: its own end, two more failures, then the fourth gives up.
    const { open } = scripted([...failing, { items: [1] }, ...failing.slice(1), { items: [], fail: new Transient('still down') }]);
    const it = resubscribingIterator(options(open, { maxConsecutiveFailures: 3 }));
    expect((await it.next()).value).toBe(1);
    await expect(it.next()).rejects.toThrow('still down');
  });

  it('stops without error when its signal aborts between attempts', async () => {
    const controller = new AbortController();
    const { open } = scripted([{ items: [], fail: new Transient() }]);
    const it = resubscribingIterator(options(open, { retryDelayMs: 60_000, signal: controller.signal }));
    const pending = it.next();
    setTimeout(() => controller.abort(), 10);
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });
});
