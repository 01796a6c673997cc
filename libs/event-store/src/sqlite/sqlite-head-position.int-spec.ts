import { knowsHeadPosition } from '../head-position';
import { SqliteEventStore } from './sqlite-event-store';

const event = (n: number) => ({ type: 'T', data: { n }, metadata: { messageId: `m-${n}`, source: 'test', occurredAt: '2026-01-01T00:00:00Z' } });

describe('SqliteEventStore.headPosition', () => {
  it('is 0 on an empty store, then the last appended position across streams', async () => {
    const store = SqliteEventStore.open({ location: ':memory:' });
    try {
      expect(knowsHeadPosition(store)).toBe(true);
      expect(await store.headPosition()).toBe(0n);
      await store.append('partner-A', [event(1), event(2)], { expectedRevision: 'no_stream' });
      const last = await store.append('partner-B', [event(3)], { expectedRevision: 'no_stream' });
      expect(await store.headPosition()).toBe(last.positions.at(-1));
      expect(await store.headPosition()).toBe(3n);
    } finally {
      await store.close();
    }
  });
});
