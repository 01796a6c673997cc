import type { StoredEvent } from '../event-envelope';
import { numbered, testEvent } from '../testing/contract/contract-fixture';
import { adminQuery } from '../testing/postgres-test-schema';
import { storesPerTest } from '../testing/postgres-test-stores';

/**
 * The global order seen by catch-up readers while several writers (separate stores: separate
 * connections and group commits, as separate processes would be) append at once.
 */
describe('PostgreSQL global order under concurrent writers', () => {
  const { open, schema } = storesPerTest();

  it('a reader never skips an append whose transaction commits after a later append was issued', async () => {
    const [slowWriter, fastWriter, reader] = [await open(), await open(), await open()];
    // The slow append's own transaction stays open for 1.5 s inside its INSERT (a trigger sleeps).
    await adminQuery(`CREATE FUNCTION "${schema()}".hold() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.type = 'Slow' THEN PERFORM pg_sleep(1.5); END IF; RETURN NEW; END $$`);
    await adminQuery(`CREATE TRIGGER hold BEFORE INSERT ON "${schema()}".events FOR EACH ROW EXECUTE FUNCTION "${schema()}".hold()`);

    const seen: bigint[] = [];
    const polling = (async () => {
      // A catch-up reader that moves its checkpoint to whatever it saw last, the way the lost-event bug needs.
      let checkpoint = 0n;
      while (seen.length < 2) {
        const page = await reader.readAll({ fromPosition: checkpoint });
        for (const event of page.events) seen.push(event.position);
        checkpoint = page.nextPosition;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();

    const slow = slowWriter.append('partner-slow', [testEvent('Slow')], { expectedRevision: 'no_stream' });
    await new Promise((resolve) => setTimeout(resolve, 300)); // the slow transaction is open and inside its INSERT
    const started = Date.now();
    const fast = await fastWriter.append('partner-fast', [testEvent('Fast')], { expectedRevision: 'no_stream' });
    const slowResult = await slow;

    expect(Date.now() - started).toBeGreaterThan(800); // the later append waited for the earlier commit
    expect([slowResult.position, fast.position]).toEqual([1n, 2n]);
    await polling;
    expect(seen).toEqual([1n, 2n]);
    expect((await reader.readAll()).events.map((e) => [e.position, e.type])).toEqual([
      [1n, 'Slow'],
      [2n, 'Fast'],
    ]);
  }, 20_000);

  it('keeps each stream in revision order in the log while several writers race on the same streams', async () => {
    const writers = await Promise.all([open(), open(), open(), open()]);
    const streams = ['partner-a', 'partner-b', 'partner-c'];
    await Promise.all(
      writers.flatMap((writer, w) =>
        Array.from({ length: 60 }, (_, i) => writer.append(streams[(w + i) % streams.length]!, numbered(1 + (i % 3), i), { expectedRevision: 'any' })),
      ),
    );
    const log: StoredEvent[] = [];
    for (let from = 0n; ;) {
      const page = await writers[0].readAll({ fromPosition: from, maxCount: 200 });
      log.push(...page.events);
      from = page.nextPosition;
      if (page.isEnd) break;
    }
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => BigInt(i + 1)));
    for (const stream of streams) {
      const revisions = log.filter((e) => e.streamId === stream).map((e) => e.revision);
      expect(revisions).toEqual(revisions.map((_, i) => i));
    }
    expect(writers.reduce((sum, w) => sum + w.metrics.transactions, 0)).toBeLessThan(240);
  }, 30_000);
});
