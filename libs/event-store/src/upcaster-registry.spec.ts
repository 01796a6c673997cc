import type { StoredEvent } from './event-envelope';
import { UpcasterRegistry } from './upcaster-registry';

function stored(type: string, data: Record<string, unknown>, schemaVersion: number): StoredEvent {
  return {
    streamId: 'partner-1',
    revision: 0,
    position: 1n,
    type,
    data,
    metadata: { messageId: 'm', source: 's', occurredAt: '2024-01-01T00:00:00.000Z', recordedAt: '2024-01-01T00:00:00.000Z', schemaVersion },
  };
}

describe('UpcasterRegistry', () => {
  it('starts every type at v1 and leaves current events untouched', () => {
    const registry = new UpcasterRegistry();
    const event = stored('X', { a: 1 }, 1);
    expect(registry.currentVersion('X')).toBe(1);
    expect(registry.upcast(event)).toBe(event);
  });

  it('chains steps from the stored version to the current one, passing the step version in metadata', () => {
    const calls: number[] = [];
    const registry = new UpcasterRegistry()
      .register('Renamed', 1, (data, metadata) => (calls.push(metadata.schemaVersion), { displayName: data['name'] }))
      .register('Renamed', (data, metadata) => (calls.push(metadata.schemaVersion), { ...data, locale: 'en' }));
    expect(registry.currentVersion('Renamed')).toBe(3);
    const out = registry.upcast(stored('Renamed', { name: 'Old' }, 1));
    expect(out.data).toEqual({ displayName: 'Old', locale: 'en' });
    expect(out.metadata.schemaVersion).toBe(3);
    expect(calls).toEqual([1, 2]);
    expect(registry.upcast(stored('Renamed', { displayName: 'Mid' }, 2)).data).toEqual({ displayName: 'Mid', locale: 'en' });
  });

  it('does not mutate the stored event', () => {
    const registry = new UpcasterRegistry().register('T', 1, () => ({ b: 2 }));
    const event = stored('T', { a: 1 }, 1);
    registry.upcast(event);
    expect(event.data).toEqual({ a: 1 });
    expect(event.metadata.schemaVersion).toBe(1);
  });

  it('refuses duplicate or invalid steps', () => {
    const registry = new UpcasterRegistry().register('T', 1, (d) => d);
    expect(() => registry.register('T', 1, (d) => d)).toThrow(/already registered/);
    expect(() => registry.register('T', 0, (d) => d)).toThrow(RangeError);
  });

  it('fails loudly on a gap in the chain or an event newer than the code', () => {
    const registry = new UpcasterRegistry().register('T', 2, (d) => d);
    expect(() => registry.upcast(stored('T', {}, 1))).toThrow(/no upcaster registered from schema v1/);
    expect(() => registry.upcast(stored('T', {}, 4))).toThrow(/newer than the known v3/);
  });
});
