import type { StoredEvent } from '../../event-envelope';
import { GENESIS_HASH, eventHash } from '../../hash-chain/event-hash';
import { UpcasterRegistry } from '../../upcaster-registry';
import { collect, headPosition, numbered, readAllAfter, testEvent, uniqueStream, type ContractFixture, type MakeContractStore } from './contract-fixture';

/** Each event's hash recomputed from the one before it, from the genesis hash on. */
function expectChained(events: readonly StoredEvent[]): void {
  let previous = GENESIS_HASH;
  events.forEach((event, revision) => {
    expect(event.revision).toBe(revision);
    expect(event.hash).toBe(eventHash(previous, event));
    previous = event.hash!;
  });
}

/** Every event is chained to the previous one of its stream, computed in the append. */
export function hashChainContract(fx: () => ContractFixture, makeStore: MakeContractStore): void {
  it('chains every event of a stream to the one before it, across appends of one and of several events', async () => {
    const s = uniqueStream();
    let expected: number | 'no_stream' = 'no_stream';
    for (const count of [1, 3, 1, 2]) {
      expected = (await fx().store.append(s, numbered(count), { expectedRevision: expected })).nextExpectedRevision;
    }
    const events = await collect(fx().store.readStream(s));
    expect(events).toHaveLength(7);
    expectChained(events);
    expect(new Set(events.map((e) => e.hash)).size).toBe(7);
  });

  it('keeps one chain per stream when appends to several streams and to one stream race in one group', async () => {
    const [a, b] = [uniqueStream(), uniqueStream()];
    await Promise.all(Array.from({ length: 12 }, (_, i) => fx().store.append(i % 3 === 0 ? b : a, numbered(1 + (i % 2), i), { expectedRevision: 'any' })));
    for (const s of [a, b]) expectChained(await collect(fx().store.readStream(s)));
  });

  it('gives the log the same hashes as the streams, and a read from a later revision the same hash', async () => {
    const s = uniqueStream();
    const head = await headPosition(fx().store);
    await fx().store.append(s, numbered(4), { expectedRevision: 'no_stream' });
    const stream = await collect(fx().store.readStream(s));
    const log = await readAllAfter(fx().store, head, new Set([s]), 4);
    expect(log.map((e) => e.hash)).toEqual(stream.map((e) => e.hash));
    expect((await collect(fx().store.readStream(s, { fromRevision: 2 }))).map((e) => e.hash)).toEqual(stream.slice(2).map((e) => e.hash));
  });

  it('hashes every metadata field, recordedAt and the schema version as stored', async () => {
    const local = await makeStore({ clock: () => new Date('2031-05-06T07:08:09.010Z'), upcasters: new UpcasterRegistry() });
    try {
      const s = uniqueStream();
      const event = testEvent('Noted', { text: 'é\u2028"x"', n: 1.5, list: [null, true] }, { correlationId: 'c', actor: { role: 'admin', name: 'Ann' } });
      await local.store.append(s, [event], { expectedRevision: 'no_stream' });
      const [read] = await collect(local.store.readStream(s));
      const metadata = { ...event.metadata, recordedAt: '2031-05-06T07:08:09.010Z', schemaVersion: 1 };
      expect(read!.hash).toBe(eventHash(GENESIS_HASH, { streamId: s, revision: 0, type: 'Noted', data: event.data, metadata }));
    } finally {
      await local.cleanup();
    }
  });
}
