import type { EventStore, ReadAllOptions, ReadStreamOptions, StoredEvent } from '@partner-program/event-store';

/** A read of the store, as the gate sees it. */
export type StoreRead = { kind: 'readAll'; fromPosition: bigint } | { kind: 'readStream'; streamId: string };

/** An event store that can hold one read at a gate, to look at the world in the middle of a rebuild; it logs every read. */
export class GatedStore implements EventStore {
  private match: ((read: StoreRead) => boolean) | undefined;
  private gate: Promise<void> = Promise.resolve();
  private release = () => {};
  private onReached = () => {};
  /** Resolves when the held read waits at the gate. */
  reached: Promise<void> = Promise.resolve();
  /** Every read so far, in order. */
  readonly reads: StoreRead[] = [];

  constructor(private readonly inner: EventStore) {}

  /** Holds the next read that matches until `open()`; other reads go through. */
  hold(match: (read: StoreRead) => boolean): void {
    this.match = match;
    this.gate = new Promise((resolve) => (this.release = resolve));
    this.reached = new Promise((resolve) => (this.onReached = resolve));
  }

  open(): void {
    this.match = undefined;
    this.release();
  }

  async readAll(options: ReadAllOptions = {}) {
    await this.pass({ kind: 'readAll', fromPosition: options.fromPosition ?? 0n });
    return this.inner.readAll(options);
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    await this.pass({ kind: 'readStream', streamId });
    yield* this.inner.readStream(streamId, options);
  }

  append: EventStore['append'] = (...args) => this.inner.append(...args);
  readHeads: EventStore['readHeads'] = (...args) => this.inner.readHeads(...args);
  streamRevision: EventStore['streamRevision'] = (...args) => this.inner.streamRevision(...args);
  close: EventStore['close'] = () => this.inner.close();

  private async pass(read: StoreRead): Promise<void> {
    this.reads.push(read);
    if (!this.match?.(read)) return;
    this.match = undefined;
    this.onReached();
    await this.gate;
  }
}
