import { describeEventStoreContract, type ContractStoreOptions } from '../testing/event-store.contract';
import { dropSchema, testDatabaseUrl, uniqueSchema } from '../testing/postgres-test-schema';
import { PostgresEventStore } from './postgres-event-store';

describeEventStoreContract(
  'PostgreSQL (a fresh schema per store)',
  async (options: ContractStoreOptions) => {
    const schema = uniqueSchema();
    const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema, ...options });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await dropSchema(schema);
      },
    };
  },
  { gapFreePositions: true, wakesOnAppend: true },
);
