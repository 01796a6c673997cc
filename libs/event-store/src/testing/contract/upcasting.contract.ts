import type { EventData } from '../../event-envelope';
import { UpcasterRegistry } from '../../upcaster-registry';
import { collect, headPosition, readAllAfter, testEvent, uniqueStream, type MakeContractStore } from './contract-fixture';

/** Old stored shapes come out in the current shape on every read path. */
export function upcastingContract(makeStore: MakeContractStore): void {
  function registry(seen: number[]): UpcasterRegistry {
    return new UpcasterRegistry()
      .register('PartnerRenamed', 1, (data, metadata) => {
        seen.push(metadata.schemaVersion);
        return { displayName: data['name'] };
      })
      .register('PartnerRenamed', (data) => ({ ...data, locale: data['locale'] ?? 'en' }));
  }

  it('upcasts on readStream and readAll without rewriting history', async () => {
    const seen: number[] = [];
    const fx = await makeStore({ upcasters: registry(seen) });
    try {
      const s = uniqueStream();
      const head = await headPosition(fx.store);
      await fx.store.append(
        s,
        [
          testEvent('PartnerRenamed', { name: 'Old' }, { schemaVersion: 1 }),
          testEvent('PartnerRenamed', { displayName: 'Mid' }, { schemaVersion: 2 }),
          testEvent('PartnerRenamed', { displayName: 'New', locale: 'de' }),
          testEvent('PartnerJoined', { tier: 'gold' }),
        ],
        { expectedRevision: 'no_stream' },
      );
      const expected: Array<[string, EventData, number]> = [
        ['PartnerRenamed', { displayName: 'Old', locale: 'en' }, 3],
        ['PartnerRenamed', { displayName: 'Mid', locale: 'en' }, 3],
        ['PartnerRenamed', { displayName: 'New', locale: 'de' }, 3],
        ['PartnerJoined', { tier: 'gold' }, 1],
      ];
      const shape = (events: Array<{ type: string; data: EventData; metadata: { schemaVersion: number } }>) =>
        events.map((e) => [e.type, e.data, e.metadata.schemaVersion]);

      expect(shape(await collect(fx.store.readStream(s)))).toEqual(expected);
      expect(shape(await readAllAfter(fx.store, head, new Set([s])))).toEqual(expected);
      // The first step only ever sees v1 input: stored v2/v3 events skip it.
      expect(seen).toEqual([1, 1]);
    } finally {
      await fx.cleanup();
    }
  });
}
