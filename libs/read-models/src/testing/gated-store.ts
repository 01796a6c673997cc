import type { EventStore, ReadStreamOptions, StoredEvent } from '@partner-program/event-store';

/** An event store whose stream reads can be held at a gate, to look at the world mid-rebuild. */
export class GatedStore implements EventStore {
  private gate: Promise<void> | undefined;
  private release = () => {};
  private streamReadsLeft = Number.POSITIVE_INFINITY;
  /** Resolves when a stream read waits at the gate. */
  reached!: Promise<void>;
  private onReached = () => {};

  constructor(private readonly inner: EventStore) {}

  private gated: (streamId: string) => boolean = () => true;

  /** Lets `reads` more reads of gated streams through, then holds the next one until `open()`. */
  closeAfter(reads: number, gated: (streamId: string) => boolean = () => true): void {
    this.streamReadsLeft = reads;
    this.gated = gated;
    this.gate = new Promise((resolve) => (this.release = resolve));
    this.reached = new Promise((resolve) => (this.onReached = resolve));
  }

  open(): void {
    this.streamReadsLeft = Number.POSITIVE_INFINITY;
    this.release();
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<StoredEvent> {
    if (this.gate && this.gated(streamId) && this.streamReadsLeft-- <= 0) {
      this.onReached();
      await this.gate;
    }
    yield* this.inner.readStream(streamId, options);
  }

  append: EventStore['append'] = (...args) => this.inner.append(...args);
  streamRevision: EventStore['streamRevision'] = (...args) => this.inner.streamRevision(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  subscribeToAll: EventStore['subscribeToAll'] = (...args) => this.inner.subscribeToAll(...args);
  close: EventStore['close'] = () => this.inner.close();
}
