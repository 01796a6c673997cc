import type { StoredEvent } from './event-envelope';
import type { ReadStreamOptions } from './event-store.port';
import { StreamStateCache } from './stream-state-cache';

/** In-memory readStream that counts the events it hands out. */
class CountingStreams {
  readonly streams = new Map<string, StoredEvent[]>();
  eventsRead = 0;

  add(streamId: string, count: number): void {
    const events = this.streams.get(streamId) ?? [];
    for (let i = 0; i < count; i++) {
      const revision = events.length;
      events.push({
        streamId,
        revision,
        position: BigInt(revision + 1),
        type: 'Added',
        data: { amount: 1 },
        metadata: { messageId: `m${revision}`, source: 't', occurredAt: '2024-01-01T00:00:00Z', recordedAt: '2024-01-01T00:00:00Z', schemaVersion: 1 },
      });
    }
    this.streams.set(streamId, events);
  }

  async *readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<StoredEvent> {
    for (const event of (this.streams.get(streamId) ?? []).slice(options.fromRevision ?? 0)) {
      this.eventsRead += 1;
      yield event;
    }
  }
}

describe('StreamStateCache', () => {
  let store: CountingStreams;
  let cache: StreamStateCache<number>;
  beforeEach(() => {
    store = new CountingStreams();
    cache = new StreamStateCache({ store, initialState: () => 0, evolve: (sum, e) => sum + (e.data['amount'] as number), maxEntries: 2 });
  });

  const readsFor = async (streamId: string): Promise<number> => {
    const before = store.eventsRead;
    await cache.load(streamId);
    return store.eventsRead - before;
  };

  it('folds a stream on a miss and returns the revision of its last event', async () => {
    store.add('partner-a', 5);
    expect(await cache.load('partner-a')).toEqual({ state: 5, revision: 4 });
  });

  it('returns the initial state for an unknown stream without caching it', async () => {
    expect(await cache.load('partner-none')).toEqual({ state: 0, revision: 'no_stream' });
    expect(cache.size).toBe(0);
  });

  it('on a hit reads only the events after the cached revision', async () => {
    store.add('partner-a', 5);
    await cache.load('partner-a');
    store.add('partner-a', 2);
    expect(await readsFor('partner-a')).toBe(2);
    expect(await cache.load('partner-a')).toEqual({ state: 7, revision: 6 });
  });

  it('keeps warm loads flat as a stream grows from 10 to 100,000 events', async () => {
    store.add('partner-small', 10);
    store.add('partner-big', 100_000);
    await cache.load('partner-small');
    await cache.load('partner-big');
    store.add('partner-small', 1);
    store.add('partner-big', 1);
    expect(await readsFor('partner-small')).toBe(1);
    expect(await readsFor('partner-big')).toBe(1);
    expect((await cache.load('partner-big')).state).toBe(100_001);
  });

  it('remember() after the caller’s own append spares the next read', async () => {
    store.add('partner-a', 3);
    const { state, revision } = await cache.load('partner-a');
    store.add('partner-a', 1);
    cache.remember('partner-a', state + 1, (revision as number) + 1);
    expect(await readsFor('partner-a')).toBe(0);
  });

  it('remember() never moves an entry backwards', async () => {
    store.add('partner-a', 3);
    await cache.load('partner-a');
    cache.remember('partner-a', -100, 1);
    expect(await cache.load('partner-a')).toEqual({ state: 3, revision: 2 });
  });

  it('evicts the least recently used stream beyond maxEntries', async () => {
    for (const s of ['partner-a', 'partner-b', 'partner-c']) {
      store.add(s, 4);
      await cache.load(s);
    }
    expect(cache.size).toBe(2);
    expect(await readsFor('partner-c')).toBe(0);
    expect(await readsFor('partner-a')).toBe(4);
  });

  it('forget() drops an entry', async () => {
    store.add('partner-a', 4);
    await cache.load('partner-a');
    cache.forget('partner-a');
    expect(await readsFor('partner-a')).toBe(4);
  });
});
