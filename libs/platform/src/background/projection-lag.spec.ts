import { type EventStore, SqliteEventStore } from '@partner-program/event-store';
import { projectionLag } from './projection-lag';

// How far a projection is behind: from the head where the store tells it, else by a bounded read.

describe('projectionLag', () => {
  let store: SqliteEventStore;
  beforeEach(async () => {
    store = SqliteEventStore.open({ location: ':memory:', clock: () => new Date('2026-11-28T09:00:00.000Z') });
    for (let i = 0; i < 3; i += 1)
      await store.append(`s-${i}`, [{ type: 'E', data: {}, metadata: { messageId: `m-${i}`, source: 'test', occurredAt: '2026-01-01T00:00:00Z' } }], {
        expectedRevision: 'no_stream',
      });
  });
  afterEach(() => store.close());

  /** The same store without `headPosition`, as EventStoreDB's adapter is. */
  const headless = (): EventStore => ({ readAll: (options) => store.readAll(options) }) as EventStore;

  it('counts the events after the checkpoint and how long the oldest of them has waited', async () => {
    const now = Date.parse('2026-11-28T09:00:02.500Z');
    expect(await projectionLag(store, 1n, now)).toEqual({ headPosition: 3n, lagEvents: 2, lagSeconds: 2.5 });
    expect(await projectionLag(headless(), 1n, now)).toEqual({ headPosition: 3n, lagEvents: 2, lagSeconds: 2.5 });
  });

  it('is no lag at the head', async () => {
    expect(await projectionLag(store, 3n, Date.now())).toEqual({ headPosition: 3n, lagEvents: 0, lagSeconds: 0 });
    expect(await projectionLag(headless(), 3n, Date.now())).toEqual({ headPosition: 3n, lagEvents: 0, lagSeconds: 0 });
  });
});
