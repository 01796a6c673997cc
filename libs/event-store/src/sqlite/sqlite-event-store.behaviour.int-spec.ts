import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreClosedError } from '../event-store.errors';
import { UpcasterRegistry } from '../upcaster-registry';
import { collect, numbered, testEvent } from '../testing/contract/contract-fixture';
import { SqliteEventStore } from './sqlite-event-store';
import { useTempDir } from './sqlite-test-dir';

describe('SqliteEventStore behaviour beyond the contract', () => {
  const dir = useTempDir('event-store-sqlite-');

  it('runs in WAL mode with synchronous=FULL', async () => {
    const store = SqliteEventStore.open({ location: dir() });
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
    await store.close();
  });

  it('keeps events and continues positions across close and reopen', async () => {
    const first = SqliteEventStore.open({ location: dir() });
    await first.append('partner-a', numbered(3), { expectedRevision: 'no_stream' });
    await first.close();
    const second = SqliteEventStore.open({ location: dir() });
    const next = await second.append('partner-a', numbered(1, 3), { expectedRevision: 2 });
    expect(next.positions).toEqual([4n]);
    await second.close();
  });

  it('close() commits appends still waiting for their group, then refuses new work', async () => {
    const store = SqliteEventStore.open({ location: dir() });
    const pending = store.append('partner-a', numbered(2), { expectedRevision: 'no_stream' });
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 1 });
    await expect(store.append('partner-a', numbered(1), { expectedRevision: 'any' })).rejects.toBeInstanceOf(EventStoreClosedError);
    await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreClosedError);
    const reopened = SqliteEventStore.open({ location: dir() });
    expect(await reopened.streamRevision('partner-a')).toBe(1);
    await reopened.close();
  });

  it('upcasts on read but leaves the stored rows untouched', async () => {
    const upcasters = new UpcasterRegistry().register('Renamed', 1, (data) => ({ displayName: data['name'] }));
    const store = SqliteEventStore.open({ location: dir(), upcasters });
    await store.append('partner-a', [testEvent('Renamed', { name: 'Old' }, { schemaVersion: 1 })], { expectedRevision: 'no_stream' });
    expect((await collect(store.readStream('partner-a')))[0]?.data).toEqual({ displayName: 'Old' });
    await store.close();
    const db = new Database(join(dir(), 'event-store.sqlite'), { readonly: true });
    expect(db.prepare('SELECT data, schema_version FROM events').get()).toEqual({ data: '{"name":"Old"}', schema_version: 1 });
    db.close();
  });

  it('an append through another connection reaches a waiting reader within its bound (nobody tells it)', async () => {
    const reader = SqliteEventStore.open({ location: dir() });
    const writer = SqliteEventStore.open({ location: dir() });
    const waiting = reader.waitForAppendAfter(0n, 20, new AbortController().signal);
    await writer.append('partner-a', numbered(1), { expectedRevision: 'no_stream' });
    await waiting;
    expect((await reader.readAll()).events.map((e) => e.streamId)).toEqual(['partner-a']);
    await Promise.all([reader.close(), writer.close()]);
  });
});
