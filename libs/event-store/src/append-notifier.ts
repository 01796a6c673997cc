/**
 * Wakes live subscriptions when appends commit. It remembers the highest published position, so
 * a subscription that asks to wait after already-published appends returns at once (no lost
 * wake-up between its last read and its wait). A poll timeout covers writers in other processes.
 */
export class AppendNotifier {
  private lastPosition = 0n;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly pollIntervalMs: number) {}

  /** Records that everything up to `position` is committed and wakes the waiters. */
  published(position: bigint): void {
    if (position > this.lastPosition) this.lastPosition = position;
    for (const wake of [...this.waiters]) wake();
  }

  /** Wakes everyone (e.g. on close). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /** Resolves when an append after `position` is published, on abort, or after the poll interval. */
  waitForAppendAfter(position: bigint, signal: AbortSignal): Promise<void> {
    if (this.lastPosition > position || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}
