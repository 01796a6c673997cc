import { CoalescingQueue } from './coalescing-queue';

/** A processor whose runs finish only when the test says so, recording what each run received. */
function gatedProcessor() {
  const runs: { key: string; items: string[]; finish: (error?: Error) => void }[] = [];
  const process = (key: string, items: readonly string[]) =>
    new Promise<string[]>((resolve, reject) => {
      runs.push({ key, items: [...items], finish: (error) => (error ? reject(error) : resolve(items.map((item) => `${key}:${item}`))) });
    });
  return { runs, process };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescingQueue', () => {
  it('runs an idle key at once, and hands everything that arrived meanwhile to the next run, in order', async () => {
    const { runs, process } = gatedProcessor();
    const queue = new CoalescingQueue(process);
    const first = queue.submit('P-1', ['a']);
    const second = queue.submit('P-1', ['b', 'c']);
    const third = queue.submit('P-1', ['d']);
    await tick();
    expect(runs.map((r) => r.items)).toEqual([['a']]);
    runs[0]!.finish();
    await tick();
    expect(runs.map((r) => r.items)).toEqual([['a'], ['b', 'c', 'd']]);
    runs[1]!.finish();
    expect(await Promise.all([first, second, third])).toEqual([['P-1:a'], ['P-1:b', 'P-1:c'], ['P-1:d']]);
    expect(queue.busyKeys).toBe(0);
  });

  it('runs different keys concurrently', async () => {
    const { runs, process } = gatedProcessor();
    const queue = new CoalescingQueue(process);
    void queue.submit('P-1', ['a']);
    void queue.submit('P-2', ['b']);
    await tick();
    expect(runs.map((r) => r.key)).toEqual(['P-1', 'P-2']);
  });

  it('fails every item of a failed run, and goes on with the items queued after it', async () => {
    const { runs, process } = gatedProcessor();
    const queue = new CoalescingQueue(process);
    const failed = queue.submit('P-1', ['a', 'b']);
    const later = queue.submit('P-1', ['c']);
    await tick();
    runs[0]!.finish(new Error('disk full'));
    await expect(failed).rejects.toThrow('disk full');
    await tick();
    runs[1]!.finish();
    expect(await later).toEqual(['P-1:c']);
  });

  it('bounds a run to maxBatch items', async () => {
    const { runs, process } = gatedProcessor();
    const queue = new CoalescingQueue(process, 2);
    const all = queue.submit('P-1', ['a', 'b', 'c', 'd', 'e']);
    await tick();
    runs[0]!.finish();
    await tick();
    runs[1]!.finish();
    await tick();
    runs[2]!.finish();
    expect(await all).toEqual(['P-1:a', 'P-1:b', 'P-1:c', 'P-1:d', 'P-1:e']);
    expect(runs.map((r) => r.items.length)).toEqual([2, 2, 1]);
  });

  it('rejects the items of a run whose processor returns the wrong number of results', async () => {
    const queue = new CoalescingQueue<string, string>(async () => ['only one']);
    await expect(queue.submit('P-1', ['a', 'b'])).rejects.toThrow('expected 2 results for P-1, got 1');
  });
});
