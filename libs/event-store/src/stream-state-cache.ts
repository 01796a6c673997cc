import { LRUCache } from 'lru-cache';
import type { StoredEvent } from './event-envelope';
import type { EventStore } from './event-store.port';
import type { StreamRevision } from './expected-revision';

/** A stream's folded state and the revision of the last event folded into it. */
export interface LoadedState<S> {
  state: S;
  /** Pass as `expectedRevision` when appending the next decision. */
  revision: StreamRevision;
}

/** Options of {@link StreamStateCache}. */
export interface StreamStateCacheOptions<S> {
  /** Only `readStream` is used. */
  store: Pick<EventStore, 'readStream'>;
  /** State of a stream with no events. */
  initialState: () => S;
  /**
   * Folds one event into the state. Must not mutate `state` (cached states are shared), unless
   * the caller serialises every load/remember of a stream, e.g. with a per-stream lock.
   */
  evolve: (state: S, event: StoredEvent) => S;
  /** Streams kept in memory. Default 1000. */
  maxEntries?: number;
}

/**
 * Loads a stream's state by folding its events, keeping recently used states in an LRU. On a
 * hit only the events after the cached revision are read, so loading a warm stream costs the
 * same whether it holds 10 or 100,000 events. Safe because streams are append-only: a cached
 * (state, revision) pair never becomes wrong, only behind.
 */
export class StreamStateCache<S> {
  private readonly cache: LRUCache<string, LoadedState<S>>;

  constructor(private readonly options: StreamStateCacheOptions<S>) {
    this.cache = new LRUCache({ max: options.maxEntries ?? 1000 });
  }

  /** Current state of `streamId` (initial state and `'no_stream'` for an unknown stream). */
  async load(streamId: string): Promise<LoadedState<S>> {
    const cached = this.cache.get(streamId);
    let state = cached?.state ?? this.options.initialState();
    let revision: StreamRevision = cached?.revision ?? 'no_stream';
    const fromRevision = revision === 'no_stream' ? 0 : revision + 1;
    for await (const event of this.options.store.readStream(streamId, { fromRevision })) {
      state = this.options.evolve(state, event);
      revision = event.revision;
    }
    const loaded = { state, revision };
    if (revision !== 'no_stream') this.remember(streamId, state, revision);
    return loaded;
  }

  /**
   * The cached state as it is, without reading what other writers may have appended since: for
   * callers whose append carries the expected revision, which catches a stale state anyway.
   */
  peek(streamId: string): LoadedState<S> | undefined {
    return this.cache.get(streamId);
  }

  /**
   * Records the state after the caller's own successful append (revision = the append's
   * `nextExpectedRevision`), sparing the next load a read. Never moves an entry backwards, so
   * a slow concurrent load cannot overwrite a newer state.
   */
  remember(streamId: string, state: S, revision: number): void {
    const cached = this.cache.get(streamId);
    if (cached && cached.revision !== 'no_stream' && cached.revision >= revision) return;
    this.cache.set(streamId, { state, revision });
  }

  /** Drops a stream's entry (e.g. after an append whose resulting state is unknown). */
  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  /** Number of streams cached. */
  get size(): number {
    return this.cache.size;
  }
}
