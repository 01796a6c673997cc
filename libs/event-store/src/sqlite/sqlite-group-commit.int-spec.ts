import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { collect, numbered, testEvent } from '../testing/contract/contract-fixture';
import { SqliteEventStore } from './sqlite-event-store';
import { useTempDir } from './sqlite-test-dir';

describe('SqliteEventStore group commit', () => {
  const dir = useTempDir('event-store-group-');
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ location: dir() });
  });
  afterEach(() => store.close());

  it('writes 64 concurrent appends in far fewer transactions than appends', async () => {
    const before = store.metrics.transactions;
    const results = await Promise.all(
      Array.from({ length: 64 }, (_, i) => store.append(`partner-${i}`, numbered(1 + (i % 3)), { expectedRevision: 'no_stream' })),
    );
    expect(store.metrics.transactions - before).toBeLessThanOrEqual(2);
    expect(store.metrics.appends).toBe(64);
    const positions = results.flatMap((r) => r.positions);
    expect(positions).toEqual(positions.map((_, i) => BigInt(i + 1)));
  });

  it('a conflicting append in a group rejects only itself', async () => {
    await store.append('partner-a', numbered(1), { expectedRevision: 'no_stream' });
    const before = store.metrics.transactions;
    const outcomes = await Promise.allSettled([
      store.append('partner-a', numbered(2, 1), { expectedRevision: 0 }),
      store.append('partner-a', numbered(2, 9), { expectedRevision: 0 }), // loses: the first moved the stream to 2
      store.append('partner-b', numbered(1), { expectedRevision: 'no_stream' }),
      store.append('partner-a', numbered(1, 3), { expectedRevision: 2 }),
    ]);
    expect(store.metrics.transactions - before).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rejected = outcomes[1] as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((rejected.reason as WrongExpectedRevisionError).actual).toBe(2);
    expect((await collect(store.readStream('partner-a'))).map((e) => e.data['n'])).toEqual([0, 1, 2, 3]);
  });

  it('a storage failure halfway through a multi-event append rolls back only that append', async () => {
    // A trigger makes the third event of one append fail after two rows were inserted.
    const admin = new Database(join(dir(), 'event-store.sqlite'));
    admin.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = 'Poison'
                BEGIN SELECT RAISE(ABORT, 'poisoned event'); END;`);
    admin.close();
    const before = store.metrics.transactions;
    const outcomes = await Promise.allSettled([
      store.append('partner-a', numbered(2), { expectedRevision: 'no_stream' }),
      store.append('partner-b', [...numbered(2), testEvent('Poison')], { expectedRevision: 'no_stream' }),
      store.append('partner-c', numbered(2), { expectedRevision: 'no_stream' }),
    ]);
    expect(store.metrics.transactions - before).toBe(1);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/poisoned event/);
    expect(await store.streamRevision('partner-b')).toBe('no_stream');
    const all = await store.readAll({ fromPosition: 0n, maxCount: 10 });
    expect(all.events.map((e) => [e.streamId, e.position])).toEqual([
      ['partner-a', 1n],
      ['partner-a', 2n],
      ['partner-c', 3n],
      ['partner-c', 4n],
    ]);
  });

  it('appends issued in separate turns of the event loop still commit and keep order', async () => {
    const first = await store.append('partner-a', numbered(1), { expectedRevision: 'no_stream' });
    const second = await store.append('partner-a', numbered(1, 1), { expectedRevision: 0 });
    expect([first.position, second.position]).toEqual([1n, 2n]);
    expect(store.metrics.transactions).toBe(2);
  });
});
