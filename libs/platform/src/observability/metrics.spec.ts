import { SqliteEventStore } from '@partner-program/event-store';
import { Metrics } from './metrics';

const event = (n: number) => ({ type: 'T', data: { n }, metadata: { messageId: `m-${n}`, source: 'test', occurredAt: '2026-01-01T00:00:00Z' } });

describe('Metrics.timeAppends', () => {
  it('times every append and passes every other call through to the store', async () => {
    const metrics = new Metrics();
    const inner = SqliteEventStore.open({ location: ':memory:' });
    const store = metrics.timeAppends(inner);
    try {
      await store.append('partner-A', [event(1)], { expectedRevision: 'no_stream' });
      await store.append('partner-A', [event(2)], { expectedRevision: 0 });
      expect(await store.streamRevision('partner-A')).toBe(1);
      expect(store.readAll).toBe(store.readAll);
      const text = await metrics.registry.metrics();
      expect(text).toMatch(/^pp_event_store_append_seconds_count 2$/m);
    } finally {
      await store.close();
    }
  });
});
