/**
 * Runs tasks one at a time per key, in arrival order; different keys run concurrently. Ingestion
 * serialises each stream's commands with it (they decide on the latest state instead of racing to
 * the store; across processes the expected revision still guards), the projector its sections.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or queued. */
  get busyKeys(): number {
    return this.tails.size;
  }
}

/** Runs async sections one at a time, in call order: a {@link KeyedMutex} with a single key. */
export class Mutex {
  private readonly keyed = new KeyedMutex();

  run<T>(section: () => Promise<T>): Promise<T> {
    return this.keyed.run('', section);
  }
}
