import { describeEventStoreContract } from '../testing/event-store.contract';
import { ESDB_CONNECTION_STRING_PATTERN, parseEsdbConnectionString } from './esdb-config';
import { EsdbEventStore } from './esdb-event-store';

/**
 * Runs the shared contract against a real EventStoreDB / KurrentDB when ESDB_CONNECTION_STRING
 * is set (see deploy/eventstoredb). The tests below it run always and need no server.
 */
const connectionString = process.env['ESDB_CONNECTION_STRING']?.trim();
if (connectionString) {
  describeEventStoreContract('EventStoreDB', async (options) => {
    const store = EsdbEventStore.fromConnectionString(connectionString, options);
    return { store, cleanup: () => store.close() };
  });
}

describe('EventStoreDB adapter configuration', () => {
  it('accepts esdb:// and esdb+discover:// connection strings', () => {
    expect(parseEsdbConnectionString(' esdb://localhost:2113?tls=false ')).toBe('esdb://localhost:2113?tls=false');
    expect(parseEsdbConnectionString('esdb+discover://admin:changeit@cluster.local:2113')).toBe('esdb+discover://admin:changeit@cluster.local:2113');
  });

  it.each([
    ['kurrentdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['KurrentDB+discover://admin:changeit@cluster.local:2113', 'esdb+discover://admin:changeit@cluster.local:2113'],
    ['kurrent://node1:2113,node2:2113?tls=false', 'esdb://node1:2113,node2:2113?tls=false'],
  ])('accepts %p, handing the client %p (its 6.x parser knows only esdb schemes)', (value, forClient) => {
    expect(parseEsdbConnectionString(value)).toBe(forClient);
    expect(ESDB_CONNECTION_STRING_PATTERN.test(value)).toBe(true);
  });

  it('builds a client from a kurrentdb:// string (the form the app config accepts)', async () => {
    const store = EsdbEventStore.fromConnectionString('kurrentdb://localhost:1?tls=false');
    await store.close();
  });

  it.each(['http://localhost:2113', 'localhost:2113', 'esdb://', 'esdb://?tls=false', 'kurrentdb://', 'kurrentdb://user@'])('rejects %p', (value) => {
    expect(ESDB_CONNECTION_STRING_PATTERN.test(value)).toBe(false);
    expect(() => parseEsdbConnectionString(value)).toThrow(/ESDB connection string/);
  });

  it('does not quote a refused string, which may hold a password', () => {
    const parse = () => parseEsdbConnectionString('http://admin:changeit@localhost:2113');
    expect(parse).toThrow(/ESDB connection string/);
    expect(parse).not.toThrow(/changeit/);
  });

  it('builds a client lazily (no connection attempt) and closes idempotently', async () => {
    const store = EsdbEventStore.fromConnectionString('esdb://localhost:1?tls=false');
    await store.close();
    await store.close();
    await expect(store.readAll()).rejects.toThrow('event store is closed');
  });
});
