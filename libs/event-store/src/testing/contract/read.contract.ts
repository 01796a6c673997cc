import { UpcasterRegistry } from '../../upcaster-registry';
import {
  collect,
  expectIncreasing,
  headPosition,
  numbered,
  readAllAfter,
  testEvent,
  uniqueStream,
  type ContractFixture,
  type ContractOptions,
  type MakeContractStore,
} from './contract-fixture';

/** Global ordering, positions, stream and log reads, metadata. */
export function readContract(fx: () => ContractFixture, makeStore: MakeContractStore, options: ContractOptions): void {
  describe('ordering and positions', () => {
    it('readAll returns interleaved appends in append order with the positions appends reported', async () => {
      const [a, b, c] = [uniqueStream(), uniqueStream(), uniqueStream('other-')];
      const head = await headPosition(fx().store);
      const reported: bigint[] = [];
      for (let i = 0; i < 6; i++) {
        const stream = [a, b, c][i % 3]!;
        const result = await fx().store.append(stream, numbered(1 + (i % 2), i), { expectedRevision: 'any' });
        reported.push(...result.positions);
      }
      const read = await readAllAfter(fx().store, head, new Set([a, b, c]), 4);
      expect(read.map((e) => e.position)).toEqual(reported);
      expectIncreasing(reported);
      expect(read.map((e) => typeof e.position)).toEqual(read.map(() => 'bigint'));
    });

    // Stores without dense positions (EventStoreDB) promise only strict increase, checked above.
    if (options.gapFreePositions) {
      it('numbers positions 1, 2, 3, … without gaps, even after a failed append', async () => {
        const s = uniqueStream();
        await fx().store.append(s, numbered(3), { expectedRevision: 'no_stream' });
        await expect(fx().store.append(s, numbered(2), { expectedRevision: 'no_stream' })).rejects.toThrow();
        await fx().store.append(uniqueStream(), numbered(2), { expectedRevision: 'any' });
        const page = await fx().store.readAll({ fromPosition: 0n, maxCount: 100 });
        expect(page.events.map((e) => e.position)).toEqual([1n, 2n, 3n, 4n, 5n]);
      });
    }

    it('positions are exact bigints: a checkpoint resumes right after that very event', async () => {
      const s = uniqueStream();
      const { positions } = await fx().store.append(s, numbered(3), { expectedRevision: 'no_stream' });
      // Round-trip through a string, as a checkpoint table would store it.
      const checkpoint = BigInt(positions[0]!.toString());
      const page = await fx().store.readAll({ fromPosition: checkpoint, maxCount: 2 });
      expect(page.events.map((e) => [e.position, e.revision])).toEqual([
        [positions[1], 1],
        [positions[2], 2],
      ]);
      expect(page.nextPosition).toBe(positions[2]);
    });
  });

  describe('readStream', () => {
    it('reads from a revision, with maxCount, and nothing for an unknown stream', async () => {
      const s = uniqueStream();
      await fx().store.append(s, numbered(10), { expectedRevision: 'no_stream' });
      const tail = await collect(fx().store.readStream(s, { fromRevision: 7 }));
      expect(tail.map((e) => [e.revision, e.data['n']])).toEqual([
        [7, 7],
        [8, 8],
        [9, 9],
      ]);
      const window = await collect(fx().store.readStream(s, { fromRevision: 2, maxCount: 3 }));
      expect(window.map((e) => e.revision)).toEqual([2, 3, 4]);
      expect(await collect(fx().store.readStream(s, { fromRevision: 10 }))).toEqual([]);
      expect(await collect(fx().store.readStream(uniqueStream()))).toEqual([]);
    });
  });

  describe('readAll paging', () => {
    it('pages chain through nextPosition and the last page says isEnd', async () => {
      const s = uniqueStream();
      const head = await headPosition(fx().store);
      await fx().store.append(s, numbered(25), { expectedRevision: 'no_stream' });
      const pages = [];
      let from = head;
      for (;;) {
        const page = await fx().store.readAll({ fromPosition: from, maxCount: 7 });
        expect(page.events.length).toBeLessThanOrEqual(7);
        pages.push(page);
        from = page.nextPosition;
        if (page.isEnd) break;
      }
      const mine = pages.flatMap((p) => p.events).filter((e) => e.streamId === s);
      expect(mine.map((e) => e.data['n'])).toEqual([...Array(25).keys()]);
      const beyond = await fx().store.readAll({ fromPosition: from, maxCount: 7 });
      expect(beyond).toEqual({ events: [], nextPosition: from, isEnd: true });
    });
  });

  describe('readHeads', () => {
    it("gives each stream's last event as of the log's end, ordered by that event, filtered by prefix (by default every stream)", async () => {
      const [a, b, other] = [uniqueStream(), uniqueStream(), uniqueStream('other-')];
      await fx().store.append(a, numbered(3), { expectedRevision: 'no_stream' });
      const bLast = (await fx().store.append(b, numbered(2), { expectedRevision: 'no_stream' })).position;
      const otherLast = (await fx().store.append(other, numbered(1), { expectedRevision: 'no_stream' })).position;
      const aLast = (await fx().store.append(a, numbered(1, 3), { expectedRevision: 2 })).position;
      const mine = <T extends { streamId: string }>(streams: T[]) => streams.filter((head) => [a, b, other].includes(head.streamId));

      const heads = await fx().store.readHeads({ streamPrefix: 'partner-' });
      expect(heads.position).toBeGreaterThanOrEqual(aLast);
      expect(mine(heads.streams)).toEqual([
        { streamId: b, revision: 1, position: bLast },
        { streamId: a, revision: 3, position: aLast },
      ]);
      expectIncreasing(heads.streams.map((head) => head.position));
      const all = await fx().store.readHeads();
      expect(mine(all.streams).map((head) => [head.streamId, head.position])).toEqual([
        [b, bLast],
        [other, otherLast],
        [a, aLast],
      ]);
    });

    it('reads an empty log as position 0 with no streams', async () => {
      const local = await makeStore({});
      try {
        const heads = await local.store.readHeads({ streamPrefix: `partner-${'z'.repeat(40)}` });
        expect(heads.streams).toEqual([]);
      } finally {
        await local.cleanup();
      }
    });
  });

  describe('metadata', () => {
    it('round-trips metadata and data, stamping recordedAt from the clock and the schema version', async () => {
      const local = await makeStore({ clock: () => new Date('2030-01-02T03:04:05.678Z'), upcasters: new UpcasterRegistry() });
      try {
        const s = uniqueStream();
        const event = testEvent(
          'PartnerRegistered',
          { name: 'Acme', tags: ['a'], nested: { ok: true } },
          {
            correlationId: 'corr-1',
            causationId: 'cause-1',
            actor: { role: 'admin', name: 'Ann' },
          },
        );
        await local.store.append(s, [event], { expectedRevision: 'no_stream' });
        const [read] = await collect(local.store.readStream(s));
        expect(read).toEqual({
          streamId: s,
          revision: 0,
          position: expect.any(BigInt),
          type: 'PartnerRegistered',
          data: event.data,
          metadata: { ...event.metadata, recordedAt: '2030-01-02T03:04:05.678Z', schemaVersion: 1 },
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
      } finally {
        await local.cleanup();
      }
    });
  });
}
