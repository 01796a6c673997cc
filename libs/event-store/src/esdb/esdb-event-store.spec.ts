import { jsonEvent } from '@eventstore/db-client';
import { GENESIS_HASH, eventHash } from '../hash-chain/event-hash';
import { collect } from '../testing/contract/contract-fixture';
import { describeEventStoreContract, type ContractStoreOptions } from '../testing/event-store.contract';
import { FakeEsdbClient, type FakeEsdbOptions } from '../testing/fake-esdb-client';
import { EsdbEventStore } from './esdb-event-store';

/**
 * The adapter's own logic (mapping, exclusive/inclusive positions, system-event skipping,
 * paging) run through the whole contract against an in-memory fake server.
 * The same suite runs against a real server in esdb-event-store.int-spec.ts.
 */
function fakeFixture(fake: FakeEsdbOptions) {
  return async (options: ContractStoreOptions) => {
    const store = new EsdbEventStore(new FakeEsdbClient(fake), options);
    return { store, cleanup: () => store.close() };
  };
}

describeEventStoreContract('EsdbEventStore over a fake server', fakeFixture({}));

// Golden: a messageId's reservation is stored in EventStoreDB; a new stream name or shape would
// let an id already held by one stream be taken again by another after an upgrade.
describe('EsdbEventStore messageId reservations (golden)', () => {
  it('reserves a messageId in stream message-id-<messageId>, naming the stream that holds it', async () => {
    const client = new FakeEsdbClient();
    const store = new EsdbEventStore(client);
    await store.append('orders-1', [{ type: 'Placed', data: {}, metadata: { messageId: 'lms-1', source: 'lms', occurredAt: '2026-01-01T00:00:00Z' } }], {
      expectedRevision: 'no_stream',
    });
    const reserved: unknown[] = [];
    for await (const resolved of client.readStream('message-id-lms-1')) reserved.push((resolved as { event: unknown }).event);
    expect(reserved).toMatchObject([{ streamId: 'message-id-lms-1', type: 'MessageIdReserved', data: { messageId: 'lms-1', streamId: 'orders-1' } }]);
    await store.close();
  });
});

// Events are immutable in EventStoreDB: one written before the chain keeps no hash, and the
// stream's chain starts again from the genesis hash at its first new event (docs/contract.md).
describe('EsdbEventStore and events written before the hash chain', () => {
  it('reads them without a hash and chains the next event from the genesis hash', async () => {
    const client = new FakeEsdbClient();
    const metadata = { messageId: 'old-1', source: 'lms', occurredAt: '2026-01-01T00:00:00Z', recordedAt: '2026-01-01T00:00:01.000Z', schemaVersion: 1 };
    await client.appendToStream('partner-old', [jsonEvent({ type: 'Legacy', data: { n: 0 }, metadata })]);
    const store = new EsdbEventStore(client);
    await store.append(
      'partner-old',
      [{ type: 'Placed', data: { n: 1 }, metadata: { messageId: 'new-1', source: 'lms', occurredAt: '2026-01-02T00:00:00Z' } }],
      {
        expectedRevision: 0,
      },
    );
    const [legacy, next] = await collect(store.readStream('partner-old'));
    expect(legacy!.hash).toBeUndefined();
    expect(legacy!.metadata).toEqual(metadata);
    expect(next!.hash).toBe(eventHash(GENESIS_HASH, next!));
    await store.close();
  });
});
