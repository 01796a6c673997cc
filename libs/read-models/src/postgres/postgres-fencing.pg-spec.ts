import { FencedOutError } from '@partner-program/event-store';
import { booked, competency, vmcPartner } from '../testing/facts';
import { type ReadModelFixture, readModelFixture } from '../testing/read-model-fixture';
import { snapshot } from '../testing/snapshot';
import { TestPostgresReadModels } from './postgres-test-read-models';

// Fencing: the elected projector's token is checked on the checkpoint row in the page's own
// transaction; a stale leader's page or swap is refused whole.

const PARTNERS = ['P-1', 'P-2'];

describe('PostgreSQL read models: fenced writes', () => {
  let f: ReadModelFixture<TestPostgresReadModels>;
  beforeEach(async () => {
    f = readModelFixture({ now: '2021-06-01T00:00:00Z', database: await TestPostgresReadModels.open() });
    await f.record('P-1', ...vmcPartner('2021-01-01'));
    await f.projectorWith({ fence: () => 5n }).catchUp();
    await f.record('P-2', ...vmcPartner('2021-01-01'), booked('2021-02-01', 'D-2', 'vmc-on-aws', 60_000));
  });
  afterEach(() => f.close());

  const fenceOf = async () => (await f.database.pool.query(`SELECT fence::text FROM "${f.database.schema}".checkpoints`)).rows[0].fence;

  it('records the token with the checkpoint, and accepts the same or a newer one', async () => {
    expect(await fenceOf()).toBe('5');
    await f.projectorWith({ fence: () => 7n }).catchUp();
    expect(await fenceOf()).toBe('7');
    expect((await f.queries.partnerStatus('P-2'))!.areas['vmc-on-aws'].tier).toBe('advanced');
  });

  it("refuses a stale leader's page and leaves rows and checkpoint untouched", async () => {
    await f.projectorWith({ fence: () => 7n }).catchUp();
    await f.record('P-1', competency('2021-05-01', 'hci'));
    const before = await snapshot(f.queries, PARTNERS);
    const stale = f.projectorWith({ fence: () => 6n });
    await expect(stale.catchUp()).rejects.toThrow(FencedOutError);
    expect(await snapshot(f.queries, PARTNERS)).toEqual(before);
    expect(await fenceOf()).toBe('7');
  });

  it('refuses to write at all while the process does not lead (no token)', async () => {
    const before = await snapshot(f.queries, PARTNERS);
    await expect(f.projectorWith({ fence: () => undefined }).catchUp()).rejects.toThrow(FencedOutError);
    expect(await snapshot(f.queries, PARTNERS)).toEqual(before);
  });

  it('stops run() on FencedOutError instead of retrying (the caller re-elects)', async () => {
    await f.projectorWith({ fence: () => 9n }).catchUp();
    await f.record('P-1', competency('2021-05-01', 'hci'));
    const errors: unknown[] = [];
    const stop = new AbortController();
    const running = f.projectorWith({ fence: () => 8n, onError: (error) => errors.push(error) }).run(stop.signal, 5);
    await expect(running).rejects.toThrow(FencedOutError);
    expect(errors).toEqual([]);
    stop.abort();
  });

  it("refuses a stale leader's rebuild swap: the live model and the active set stay", async () => {
    await f.projectorWith({ fence: () => 7n }).catchUp();
    const before = await snapshot(f.queries, PARTNERS);
    // Its pages go to the other set (nobody reads it); the swap is checked against the live row.
    await expect(f.projectorWith({ fence: () => 6n }).rebuild()).rejects.toThrow(FencedOutError);
    expect(await f.database.storage.activeSet()).toBe('a');
    expect(await snapshot(f.queries, PARTNERS)).toEqual(before);
    expect(await fenceOf()).toBe('7');
    // The leader's own rebuild then starts that set afresh and swaps it in.
    await f.projectorWith({ fence: () => 7n }).rebuild();
    expect(await f.database.storage.activeSet()).toBe('b');
    expect(await snapshot(f.queries, PARTNERS)).toEqual(before);
  });

  it('keeps the highest token across a swap, so a stale leader stays fenced out of the new set', async () => {
    await f.projectorWith({ fence: () => 7n }).rebuild();
    expect(await f.database.storage.activeSet()).toBe('b');
    expect(await fenceOf()).toBe('7');
    await f.record('P-1', competency('2021-05-01', 'hci'));
    await expect(f.projectorWith({ fence: () => 6n }).catchUp()).rejects.toThrow(FencedOutError);
  });

  it('starts run() from the checkpoint another leader left, not from its own last page', async () => {
    let token = 7n;
    const first = f.projectorWith({ fence: () => token });
    await first.catchUp();
    // Another leader takes over and projects P-1's new fact…
    await f.record('P-1', competency('2021-05-01', 'hci'));
    await f.projectorWith({ fence: () => 8n }).catchUp();
    // …then the first is elected again (a newer token) and runs: only the one event after the hand-over is left.
    await f.record('P-2', competency('2021-05-02', 'sd-wan'));
    const head = (await f.store.readAll({ fromPosition: 0n, maxCount: 1000 })).nextPosition;
    token = 9n;
    const read = first.stats.eventsProcessed;
    const stop = new AbortController();
    const running = first.run(stop.signal, 5);
    for (let i = 0; i < 300 && (await f.queries.checkpoint()) < head; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    stop.abort();
    await running;
    expect(await f.queries.checkpoint()).toBe(head);
    expect(first.stats.eventsProcessed - read).toBe(1);
    expect(await fenceOf()).toBe('9');
  });
});
