// ── Exponential backoff and a sleep that ends early on shutdown ─────────────────────────────

/** Delays of a retry loop: `initialMs · 2^attempt`, capped at `maxMs`. */
export type BackoffOptions = Readonly<{ initialMs: number; maxMs: number }>;

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 5_000 };

/** Delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
}

/** Thrown by {@link sleep} when its signal aborts: the caller is shutting down. */
export class ShutdownError extends Error {
  constructor() {
    super('shutting down');
    this.name = 'ShutdownError';
  }
}

/** Waits `ms`, or rejects with {@link ShutdownError} as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(new ShutdownError());
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ShutdownError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
