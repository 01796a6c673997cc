import type { EventStore, ReadStreamOptions, StoredEvent } from '@partner-program/event-store';

// ── The partner reads of a running export, counted and steered from a test ─────────────────────
// Spy before the app exists: the store's metrics proxy binds each method at its first use.

type ReadStream = EventStore['readStream'];
type Prototype = { readStream: ReadStream };

/** The export reads a partner with `{ maxCount }` only; the projector and the command path give `fromRevision`. */
const isExportRead = (options?: ReadStreamOptions) => options?.fromRevision === undefined && options?.maxCount !== undefined;

export function spyOnExportReads(prototype: Prototype) {
  const real = prototype.readStream;
  const spy = jest.spyOn(prototype, 'readStream');
  /** Runs `before` ahead of each export read (with its 1-based number since this call), then reads. */
  const steer = (before: (read: number) => Promise<void> | void) => {
    let reads = 0;
    spy.mockImplementation(async function* (this: Prototype, streamId: string, options?: ReadStreamOptions): AsyncGenerator<StoredEvent> {
      if (isExportRead(options)) await before(++reads);
      yield* real.call(this, streamId, options);
    });
    return { reads: () => reads };
  };
  return {
    /** Export reads so far. */
    count: () => spy.mock.calls.filter(([, options]) => isExportRead(options)).length,
    /** Holds export read number `n` until the returned `release` is called. */
    holdAt(n: number) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const steered = steer((read) => (read === n ? released : undefined));
      return {
        release,
        reached: async () => {
          while (steered.reads() < n) await new Promise((resolve) => setTimeout(resolve, 5));
        },
      };
    },
    /** Export read number `n` throws. */
    failAt: (n: number) =>
      steer((read) => {
        if (read === n) throw new Error('disk on fire');
      }),
    /** Every export read waits `ms` first. */
    slowBy: (ms: number) => steer(() => new Promise((resolve) => setTimeout(resolve, ms))),
    reset: () => spy.mockImplementation(real),
    restore: () => spy.mockRestore(),
  };
}
