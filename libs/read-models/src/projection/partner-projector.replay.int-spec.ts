import { DEFAULT_CATALOG, type UpstreamEvent, evaluateStatus, foldEvents, fromRecorded, tierTimeline, partnerStreamId } from '@partner-program/domain';
import { booked, competency, msc, reversed, vmcPartner } from '../testing/facts';
import { type ReadModelFixture, readModelFixture } from '../testing/read-model-fixture';
import { snapshot } from '../testing/snapshot';

// Replays and crashes: a page is all or nothing, and projecting it again changes nothing.

const PARTNERS = ['P-1', 'P-2', 'P-3'];

/** Facts of three partners recorded round-robin, so every page holds several partners. */
async function interleaved(f: ReadModelFixture): Promise<void> {
  const histories: UpstreamEvent[][] = [
    [...vmcPartner('2021-01-01'), booked('2021-02-01', 'D-1', 'vmc-on-aws', 60_000), reversed('2021-04-01', 'D-1')],
    [...vmcPartner('2021-01-05'), booked('2021-03-01', 'D-2', 'vmc-on-aws', 1_200_000), booked('2021-02-01', 'D-3', 'vmc-on-aws', 10)],
    [competency('2021-02-01', 'pks'), ...vmcPartner('2021-01-10'), msc('2020-12-01', 'modern-applications')],
  ];
  for (let i = 0; i < 8; i += 1) {
    for (const [index, history] of histories.entries()) if (history[i]) await f.record(PARTNERS[index]!, history[i]!);
  }
}

describe('PartnerProjector: replay and crashes', () => {
  let f: ReadModelFixture;
  beforeEach(async () => {
    f = readModelFixture({ pageSize: 2, now: '2021-06-01T00:00:00Z' });
    await interleaved(f);
  });
  afterEach(() => f.close());

  it('gives each partner the status of its whole history, whatever the page boundaries and late facts', async () => {
    await f.projector.catchUp();
    for (const partnerId of PARTNERS) {
      const events = [];
      for await (const event of f.store.readStream(partnerStreamId(partnerId))) events.push(fromRecorded(event));
      const state = foldEvents(events);
      const now = Date.parse('2021-06-01T00:00:00Z');
      expect(await f.queries.partnerStatus(partnerId)).toEqual({ ...evaluateStatus(state, DEFAULT_CATALOG, partnerId, now), position: expect.any(Number) });
      const feed = new Set((await f.queries.tierChanges({ afterSequence: 0, limit: 1000 })).map((change) => change.changeId));
      for (const change of tierTimeline(state, DEFAULT_CATALOG, { to: now })) {
        expect(feed).toContain(`${partnerId}|${change.area}|${change.at}|${change.from ?? 'none'}|${change.to ?? 'none'}`);
      }
    }
  });

  it('projects the same rows when its state cache holds a single partner', async () => {
    await f.projector.catchUp();
    const other = readModelFixture({ pageSize: 2, now: '2021-06-01T00:00:00Z', store: f.store });
    await other.projectorWith({ cache: { maxPartners: 1 } }).catchUp();
    expect(await snapshot(other.queries, PARTNERS)).toEqual(await snapshot(f.queries, PARTNERS));
    other.database.close();
  });

  it('replays from an older checkpoint without adding a row or a tier change twice', async () => {
    await f.projector.catchUp();
    const before = await snapshot(f.queries, PARTNERS);
    const changes = await f.queries.tierChanges({ afterSequence: 0, limit: 1000 });
    // As after a crash that lost the last checkpoints: the rows are there, the checkpoint is behind.
    f.database.db.prepare("UPDATE a_checkpoints SET position = 3 WHERE name = 'partner'").run();
    const restarted = f.projectorWith();
    expect(await restarted.catchUp()).toBe(Number(before.checkpoint) - 3);
    expect(await snapshot(f.queries, PARTNERS)).toEqual(before);
    expect(await f.queries.tierChanges({ afterSequence: 0, limit: 1000 })).toEqual(changes);
  });

  it('commits nothing of a page whose transaction fails, and projects it in full on the next try', async () => {
    const reference = readModelFixture({ pageSize: 2, now: '2021-06-01T00:00:00Z', store: f.store });
    await reference.projector.catchUp();
    // A failure in the middle of a page: P-2's rows are written after P-1's, and then the write fails.
    f.database.db.exec(`CREATE TRIGGER fail BEFORE INSERT ON a_partner_status WHEN NEW.partner_id = 'P-2'
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    // better-sqlite3 errors may come from another realm than jest's, so match the message, not the class.
    await expect(f.projector.catchUp()).rejects.toMatchObject({ message: 'disk trouble' });
    const stuckAt = await f.projector.checkpoint();
    expect(await f.queries.checkpoint()).toBe(stuckAt);
    expect(stuckAt).toBe(0n);
    expect(await f.queries.partnerStatus('P-1')).toBeUndefined();
    expect(await f.queries.partnerStatus('P-2')).toBeUndefined();
    // The states folded for the failed page are ahead of the checkpoint: the projector must refold them.
    f.database.db.exec('DROP TRIGGER fail');
    await f.projector.catchUp();
    expect(await snapshot(f.queries, PARTNERS)).toEqual(await snapshot(reference.queries, PARTNERS));
    reference.database.close();
  });
});
