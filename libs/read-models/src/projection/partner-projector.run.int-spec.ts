import { SqliteEventStore } from '@partner-program/event-store';
import { booked, vmcPartner } from '../testing/facts';
import { GatedStore } from '../testing/gated-store';
import { type ReadModelFixture, readModelFixture } from '../testing/read-model-fixture';
import type { PartnerProjector } from './partner-projector';

// The background loop: follows the log, stops gracefully, survives a failing page.

// Every loop a test starts is stopped after it, even when an expectation failed first: a loop left
// running polls its closed store every second for ever, so jest's worker never exits ("A worker
// process has failed to exit gracefully"), which the flaky page count used to cause.
const loops: Array<{ stop: AbortController; running: Promise<void> }> = [];
function follow(projector: PartnerProjector, idleMs: number) {
  const stop = new AbortController();
  const loop = { stop, running: projector.run(stop.signal, idleMs) };
  loops.push(loop);
  return loop;
}
async function stopLoops(): Promise<void> {
  const left = loops.splice(0);
  left.forEach(({ stop }) => stop.abort());
  await Promise.all(left.map(({ running }) => running));
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await condition()); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await condition()).toBe(true);
}

describe('PartnerProjector.run', () => {
  let store: GatedStore;
  let f: ReadModelFixture;
  beforeEach(async () => {
    store = new GatedStore(SqliteEventStore.open({ location: ':memory:' }));
    f = readModelFixture({ now: '2021-06-01T00:00:00Z', store });
    await f.record('P-1', ...vmcPartner('2021-01-01'));
  });
  afterEach(async () => {
    await stopLoops();
    await f.close();
  });

  it('follows appends until aborted', async () => {
    const { stop, running } = follow(f.projector, 5);
    await until(async () => (await f.queries.partnerStatus('P-1')) !== undefined);
    await f.record('P-1', booked('2021-05-01', 'D-1', 'vmc-on-aws', 50_000));
    await until(async () => (await f.queries.partnerStatus('P-1'))!.areas['vmc-on-aws'].tier === 'advanced');
    stop.abort();
    await running;
    expect(await f.queries.checkpoint()).toBe(await f.projector.checkpoint());
  });

  it('commits the page in hand before returning when aborted', async () => {
    await f.projector.catchUp();
    await f.record('P-1', booked('2021-05-01', 'D-1', 'vmc-on-aws', 50_000));
    // After a restart the cache is empty: the page must read P-1's stream, and that read is held.
    const restarted = f.projectorWith();
    store.hold((read) => read.kind === 'readStream');
    const { stop, running } = follow(restarted, 5);
    await store.reached;
    stop.abort();
    store.open();
    await running;
    expect((await f.queries.partnerStatus('P-1'))!.areas['vmc-on-aws'].tier).toBe('advanced');
    expect(await f.queries.checkpoint()).toBe(await restarted.checkpoint());
    expect(restarted.stats.pages).toBe(1);
  });

  it('builds an empty model with a rebuild, then follows page by page', async () => {
    const { stop, running } = follow(f.projector, 5);
    await until(async () => (await f.queries.partnerStatus('P-1')) !== undefined);
    expect(f.projector.stats).toMatchObject({ rebuilds: 1, pages: 0 });
    // P-2's facts are appended one message at a time while the loop polls every 5 ms, so unheld it
    // would take them in anything from one page to one per fact: the loop's next read of the log
    // waits at the gate until all of them are stored, and then reads them as one page.
    store.hold((read) => read.kind === 'readAll');
    await store.reached;
    await f.record('P-2', ...vmcPartner('2021-01-01'));
    const head = (await f.store.readAll({ maxCount: 1_000 })).nextPosition;
    store.open();
    await until(async () => (await f.projector.checkpoint()) === head);
    stop.abort();
    await running;
    expect(f.projector.stats).toMatchObject({ rebuilds: 1, pages: 1, eventsProcessed: vmcPartner('2021-01-01').length });
  });

  it('reports a database it cannot read as it starts, and tries again', async () => {
    await f.projector.catchUp();
    await f.record('P-1', booked('2021-05-01', 'D-1', 'vmc-on-aws', 50_000));
    const storage = f.database.storage;
    let failures = 1;
    const activeSet = () => (failures-- > 0 ? Promise.reject(new Error('database unreachable')) : storage.activeSet());
    const unreachable = { storage: Object.assign(Object.create(storage) as typeof storage, { activeSet }), queries: () => f.queries };
    const errors: unknown[] = [];
    const projector = f.projectorWith({ db: unreachable, onError: (error) => errors.push(error) });
    const { stop, running } = follow(projector, 5);
    await until(async () => (await f.queries.partnerStatus('P-1'))!.areas['vmc-on-aws'].tier === 'advanced');
    stop.abort();
    await running;
    expect(errors).toEqual([expect.objectContaining({ message: 'database unreachable' })]);
  });

  it('reports a failing page and retries it', async () => {
    await f.projector.catchUp();
    await f.record('P-2', ...vmcPartner('2021-01-01'));
    f.database.db.exec(`CREATE TRIGGER fail BEFORE INSERT ON a_partner_status
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    const errors: unknown[] = [];
    const projector = f.projectorWith({ onError: (error) => errors.push(error) });
    const { stop, running } = follow(projector, 5);
    await until(async () => errors.length === 1);
    expect(projector.stats.errors).toBe(1);
    f.database.db.exec('DROP TRIGGER fail');
    await until(async () => (await f.queries.partnerStatus('P-2')) !== undefined);
    stop.abort();
    await running;
  });
});

describe('PartnerProjector.run on a store that wakes it', () => {
  it('projects an append at once, not after its idle bound (an hour here)', async () => {
    const f = readModelFixture({ now: '2021-06-01T00:00:00Z' });
    try {
      await f.record('P-1', ...vmcPartner('2021-01-01'));
      const { stop, running } = follow(f.projector, 3_600_000);
      await until(async () => (await f.queries.partnerStatus('P-1')) !== undefined);
      await f.record('P-1', booked('2021-05-01', 'D-1', 'vmc-on-aws', 50_000));
      await until(async () => (await f.queries.partnerStatus('P-1'))!.areas['vmc-on-aws'].tier === 'advanced');
      stop.abort();
      await running;
    } finally {
      await stopLoops();
      await f.close();
    }
  });
});

describe('PartnerProjector and the event loop', () => {
  it('lets other work (HTTP requests) run between pages while it catches up', async () => {
    const store = SqliteEventStore.open({ location: ':memory:' });
    const f = readModelFixture({ now: '2021-06-01T00:00:00Z', store });
    try {
      for (let p = 0; p < 40; p++) await f.record(`P-${p}`, ...vmcPartner('2021-01-01'));
      const projector = f.projectorWith({ pageSize: 20 });
      let seenMidway: bigint | undefined;
      setImmediate(() => void projector.checkpoint().then((position) => (seenMidway = position)));
      await projector.catchUp();
      expect(seenMidway).toBeGreaterThan(0n);
      expect(seenMidway).toBeLessThan(await projector.checkpoint());
    } finally {
      await f.close();
    }
  });
});
