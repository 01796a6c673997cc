import { describeEventStoreContract, type ContractStoreOptions } from '../testing/event-store.contract';
import { FakeEsdbClient, type FakeEsdbOptions } from '../testing/fake-esdb-client';
import { numbered, takeNext } from '../testing/contract/contract-fixture';
import { EsdbEventStore } from './esdb-event-store';

/**
 * The adapter's own logic (mapping, exclusive/inclusive positions, system-event skipping,
 * resubscription, paging) run through the whole contract against an in-memory fake server.
 * The same suite runs against a real server in esdb-event-store.int-spec.ts.
 */
function fakeFixture(fake: FakeEsdbOptions) {
  return async (options: ContractStoreOptions) => {
    const store = new EsdbEventStore(new FakeEsdbClient(fake), { ...options, resubscribe: { retryDelayMs: 1 } });
    return { store, subscriptionEventsFetched: () => store.subscriptionEventsFetched, cleanup: () => store.close() };
  };
}

describeEventStoreContract('EsdbEventStore over a fake server', fakeFixture({}));

describeEventStoreContract('EsdbEventStore over a fake server that drops subscriptions every 7 events', fakeFixture({ dropSubscriptionsEvery: 7 }), {
  largeStreamEvents: 2_000,
});

describe('EsdbEventStore resubscription', () => {
  it('resumes after drops from the last delivered position, without repeats or skips', async () => {
    const store = new EsdbEventStore(new FakeEsdbClient({ dropSubscriptionsEvery: 3 }), { resubscribe: { retryDelayMs: 1 } });
    await store.append('partner-a', numbered(20), { expectedRevision: 'no_stream' });
    const sub = store.subscribeToAll({ fromPosition: 0n })[Symbol.asyncIterator]();
    const events = await takeNext(sub, 20);
    await sub.return?.();
    expect(events.map((e) => e.data['n'])).toEqual([...Array(20).keys()]);
    expect(store.resubscriptions).toBeGreaterThanOrEqual(6);
    await store.close();
  });

  it('gives up after too many consecutive failures and surfaces the error', async () => {
    const client = new FakeEsdbClient();
    client.subscribeToAll = () => {
      throw new (jest.requireActual('@eventstore/db-client').UnavailableError)(undefined, 'server down');
    };
    const store = new EsdbEventStore(client, { resubscribe: { retryDelayMs: 1, maxConsecutiveFailures: 2 } });
    const sub = store.subscribeToAll({ fromPosition: 0n })[Symbol.asyncIterator]();
    await expect(sub.next()).rejects.toThrow('server down');
    expect(store.resubscriptions).toBe(2);
    await store.close();
  });
});

// Golden: a messageId's reservation is stored in EventStoreDB; a new stream name or shape would
// let an id already held by one stream be taken again by another after an upgrade.
describe('EsdbEventStore messageId reservations (golden)', () => {
  it('reserves a messageId in stream message-id-<messageId>, naming the stream that holds it', async () => {
    const client = new FakeEsdbClient();
    const store = new EsdbEventStore(client);
    await store.append('orders-1', [{ type: 'Placed', data: {}, metadata: { messageId: 'lms-1', source: 'lms', occurredAt: '2026-01-01T00:00:00Z' } }], { expectedRevision: 'no_stream' });
    const reserved: unknown[] = [];
    for await (const resolved of client.readStream('message-id-lms-1')) reserved.push((resolved as { event: unknown }).event);
    expect(reserved).toMatchObject([{ streamId: 'message-id-lms-1', type: 'MessageIdReserved', data: { messageId: 'lms-1', streamId: 'orders-1' } }]);
    await store.close();
  });
});
