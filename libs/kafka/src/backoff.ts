// ── Exponential backoff, and the error that ends a retry loop on shutdown ─────────────────────────────

/** Delays of a retry loop: `initialMs · 2^attempt`, capped at `maxMs`. */
export type BackoffOptions = Readonly<{ initialMs: number; maxMs: number }>;

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 100, maxMs: 5_000 };

/** Delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
}

/** Thrown by a retry loop whose signal aborted: the caller is shutting down. */
export class ShutdownError extends Error {
  constructor() {
    super('shutting down');
    this.name = 'ShutdownError';
  }
}
