import { dropSchema, testDatabaseUrl, uniqueSchema } from './postgres-test-schema';
import { PostgresEventStore } from '../postgres/postgres-event-store';
import type { PostgresEventStoreOptions } from '../postgres/postgres-event-store.options';

/**
 * For a PostgreSQL suite: every test gets a schema of its own; `open` opens stores on it (several
 * stores stand for several processes), and all of them close and the schema goes after the test.
 */
export function storesPerTest(): { open: (options?: Partial<PostgresEventStoreOptions>) => Promise<PostgresEventStore>; schema: () => string } {
  let schema = '';
  const stores: PostgresEventStore[] = [];
  beforeEach(() => {
    schema = uniqueSchema();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    await dropSchema(schema);
  });
  return {
    schema: () => schema,
    open: async (options = {}) => {
      const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema, ...options });
      stores.push(store);
      return store;
    },
  };
}
