import fc from 'fast-check';
import { LruMap } from './lru-map';

describe('LruMap', () => {
  it('evicts the least recently used entry', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.size]).toEqual([1, undefined, 3, 2]);
  });

  it('behaves like a model LRU for any sequence of operations', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('get' as const), key: fc.nat(6) }),
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(6), value: fc.integer() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op), (max, ops) => {
        const lru = new LruMap<number, number>(max);
        let model: Array<[number, number]> = [];
        for (const o of ops) {
          const hit = model.find(([k]) => k === o.key);
          if (o.kind === 'get') {
            expect(lru.get(o.key)).toBe(hit?.[1]);
            if (hit) model = [...model.filter(([k]) => k !== o.key), hit];
          } else {
            lru.set(o.key, o.value);
            model = [...model.filter(([k]) => k !== o.key), [o.key, o.value] as [number, number]].slice(-max);
          }
          expect(lru.size).toBe(model.length);
        }
      }),
    );
  });

  it('rejects a non-positive capacity', () => expect(() => new LruMap(0)).toThrow(RangeError));
});
