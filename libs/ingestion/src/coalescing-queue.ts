// ── Per-key queue that hands everything waiting to one run: a partner's group commit ──────────
// Messages for one partner must be decided one after the other, in arrival order. Waiting one by
// one would cost every message its own append and fsync, so whatever arrives while a partner's
// run is in flight is taken together by the next run: one decision pass, one append. Under load
// the batches grow by themselves; an idle partner's message still goes at once.

type Waiting<I, R> = { item: I; resolve: (result: R) => void; reject: (error: unknown) => void };

/** Runs `process` on everything queued for one key; it must return one result per item, in order. */
export type ProcessBatch<I, R> = (key: string, items: readonly I[]) => Promise<readonly R[]>;

export class CoalescingQueue<I, R> {
  private readonly waiting = new Map<string, Waiting<I, R>[]>();

  constructor(
    private readonly process: ProcessBatch<I, R>,
    /** Bounds one run (one append), so a flood for one partner still answers in steps. */
    private readonly maxBatch = 1_000,
  ) {}

  /** Queues `items` for `key` (synchronously, so arrival order holds); resolves with their results. */
  submit(key: string, items: readonly I[]): Promise<R[]> {
    const idle = !this.waiting.has(key);
    const queue = this.waiting.get(key) ?? [];
    this.waiting.set(key, queue);
    const promises = items.map((item) => new Promise<R>((resolve, reject) => queue.push({ item, resolve, reject })));
    if (idle) void this.drain(key, queue);
    return Promise.all(promises);
  }

  /** Keys with items queued or in flight. */
  get busyKeys(): number {
    return this.waiting.size;
  }

  /** The key's single runner: takes what is queued, runs it, repeats until nothing is left. */
  private async drain(key: string, queue: Waiting<I, R>[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      try {
        const results = await this.process(
          key,
          batch.map((entry) => entry.item),
        );
        if (results.length !== batch.length) throw new Error(`expected ${batch.length} results for ${key}, got ${results.length}`);
        batch.forEach((entry, i) => entry.resolve(results[i]!));
      } catch (error) {
        batch.forEach((entry) => entry.reject(error));
      }
    }
    this.waiting.delete(key);
  }
}
