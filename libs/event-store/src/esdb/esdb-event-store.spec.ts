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

