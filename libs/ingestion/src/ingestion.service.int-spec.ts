import { DEFAULT_CATALOG } from '@partner-program/domain';
import { partnerStreamId } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { IngestionService } from './ingestion.service';
import { PartnerCommandHandler } from './partner-command-handler';
import { RejectionLogProjector } from './rejection-log.projector';
import { SqliteRejectionLog } from './sqlite-rejection-log';

const NOW = new Date('2026-11-28T09:00:00Z');
let counter = 0;
const message = (partnerId: string, type: string, data: Record<string, unknown>, messageId = `m-${++counter}`) => ({
  messageId,
  type,
  partnerId,
  occurredAt: '2026-02-01T00:00:00Z',
  source: 'test',
  data,
});
const origin = { transport: 'http' as const };

describe('IngestionService on the SQLite store', () => {
  let store: SqliteEventStore;
  let rejections: SqliteRejectionLog;
  let ingestion: IngestionService;
  beforeEach(() => {
    store = SqliteEventStore.open({ location: ':memory:' });
    rejections = SqliteRejectionLog.open(':memory:');
    ingestion = new IngestionService({ handler: new PartnerCommandHandler(store, DEFAULT_CATALOG), rejections, clock: () => NOW });
  });
  afterEach(async () => {
    await store.close();
    await rejections.close();
  });

  const typesOf = async (partnerId: string) => {
    const types: string[] = [];
    for await (const event of store.readStream(partnerStreamId(partnerId)))
      types.push(`${event.type}:${typeof event.data.dealId === 'string' ? event.data.dealId : ''}`);
    return types;
  };

  it("keeps each partner's order within a concurrent batch (a booking before its reversal)", async () => {
    const batch = ['P-1', 'P-2', 'P-3'].flatMap((partnerId) => [
      message(partnerId, 'CreditsBooked', { dealId: 'D-1', area: 'vmc-on-aws', credits: 10 }),
      message(partnerId, 'CreditsReversed', { dealId: 'D-1' }),
    ]);
    const results = await ingestion.ingestBatch(batch.map((body) => ({ body, payload: JSON.stringify(body), origin })));
    expect(results.map((r) => r.outcome)).toEqual(Array(6).fill('appended'));
    expect(await typesOf('P-2')).toEqual(['CreditsBooked:D-1', 'CreditsReversed:D-1']);
  });

  it("stores a partner's messages of one batch in one append, a repeat inside the batch as a duplicate", async () => {
    const first = message('P-1', 'CreditsBooked', { dealId: 'D-1', area: 'vmc-on-aws', credits: 10 });
    const batch = [
      first,
      ...Array.from({ length: 48 }, (_, i) => message('P-1', 'CreditsBooked', { dealId: `D-${i + 2}`, area: 'vmc-on-aws', credits: 10 })),
      first,
    ];
    const before = store.metrics.transactions;
    const results = await ingestion.ingestBatch(batch.map((body) => ({ body, payload: JSON.stringify(body), origin })));
    expect(store.metrics.transactions - before).toBe(1);
    expect(results.slice(0, 49).map((r) => r.position)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
    expect(results[49]).toEqual({ messageId: first.messageId, outcome: 'duplicate', position: 1 });
  });

  it('decides concurrent single messages for one partner together: fewer appends, each keeps its own context, in order', async () => {
    const bodies = Array.from({ length: 40 }, (_, i) => message('P-1', 'CreditsBooked', { dealId: `D-${i}`, area: 'vmc-on-aws', credits: 10 }));
    const before = store.metrics.transactions;
    const results = await Promise.all(
      bodies.map((body, i) => ingestion.ingest({ body, payload: JSON.stringify(body), origin, context: { correlationId: `req-${i}` } })),
    );
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // The first message goes alone; the 39 that queued meanwhile share the next append.
    expect(store.metrics.transactions - before).toBe(2);
    const stored: string[] = [];
    for await (const event of store.readStream(partnerStreamId('P-1'))) stored.push(`${String(event.data.dealId)}@${String(event.metadata.correlationId)}`);
    expect(stored).toEqual(bodies.map((_, i) => `D-${i}@req-${i}`));
  });

  it('answers duplicate with the original position, after a restart too', async () => {
    const body = message('P-1', 'DueDiligenceCompleted', { outcome: 'approved' });
    const first = await ingestion.ingest({ body, payload: JSON.stringify(body), origin });
    const fresh = new IngestionService({ handler: new PartnerCommandHandler(store, DEFAULT_CATALOG), rejections, clock: () => NOW });
    expect(await fresh.ingest({ body, payload: JSON.stringify(body), origin })).toEqual({
      messageId: body.messageId,
      outcome: 'duplicate',
      position: first.position,
    });
  });

  it('stores a messageId for one partner only when two race for it, and refuses the other as reused', async () => {
    const body = (partnerId: string) => message(partnerId, 'DueDiligenceCompleted', { outcome: 'approved' }, 'raced-id');
    const both = await Promise.all(['P-1', 'P-2'].map((p) => ingestion.ingest({ body: body(p), payload: JSON.stringify(body(p)), origin })));
    expect(both.map((r) => r.outcome).sort()).toEqual(['appended', 'rejected']);
    const refused = both.find((r) => r.outcome === 'rejected')!;
    expect(refused).toMatchObject({ code: 'message-id-reused', reason: expect.stringMatching(/partner P-[12]/) });
    const stored = [...(await typesOf('P-1')), ...(await typesOf('P-2'))];
    expect(stored).toEqual(['DueDiligenceCompleted:']);
  });

  it('a batch keeps its other messages when one id belongs to another partner', async () => {
    const taken = message('P-1', 'DueDiligenceCompleted', { outcome: 'approved' }, 'taken-id');
    await ingestion.ingest({ body: taken, payload: JSON.stringify(taken), origin });
    const batch = [
      message('P-2', 'TrainingCompleted', { courseId: 'c', learnerId: 'L-1' }),
      { ...taken, partnerId: 'P-2' },
      message('P-2', 'TrainingCompleted', { courseId: 'c', learnerId: 'L-2' }),
    ];
    const results = await ingestion.ingestBatch(batch.map((b) => ({ body: b, payload: JSON.stringify(b), origin })));
    expect(results.map((r) => r.outcome)).toEqual(['appended', 'rejected', 'appended']);
    expect(await typesOf('P-2')).toEqual(['TrainingCompleted:', 'TrainingCompleted:']);
  });

  it('rejects a messageId already used by another partner', async () => {
    const body = message('P-1', 'DueDiligenceCompleted', { outcome: 'approved' }, 'shared-id');
    await ingestion.ingest({ body, payload: JSON.stringify(body), origin });
    const reused = await ingestion.ingest({ body: { ...body, partnerId: 'P-2' }, payload: JSON.stringify({ ...body, partnerId: 'P-2' }), origin });
    expect(reused).toMatchObject({ outcome: 'rejected', code: 'message-id-reused', reason: expect.stringContaining('P-1') });
  });

  it('keeps invalid and rejected messages once each, with their reasons, source and origin', async () => {
    const invalid = { messageId: 'bad', type: 'Nope', source: 'lms' };
    const refused = message('P-9', 'CreditsReversed', { dealId: 'D-x' });
    await ingestion.ingest({ body: invalid, payload: JSON.stringify(invalid), origin });
    await ingestion.ingest({ body: invalid, payload: JSON.stringify(invalid), origin });
    const kafka = { transport: 'kafka', topic: 't', partition: 2, offset: '41' } as const;
    const first = await ingestion.ingest({ body: refused, payload: JSON.stringify(refused), origin: kafka });
    await ingestion.ingest({ body: refused, payload: JSON.stringify(refused), origin: kafka });
    await new RejectionLogProjector(store, rejections).catchUp();
    const kept = await rejections.list({ limit: 10 });
    expect(kept).toHaveLength(2);
    expect(kept[0]).toMatchObject({
      outcome: 'invalid',
      code: 'invalid',
      messageId: 'bad',
      source: 'lms',
      reason: expect.stringContaining('type'),
      problems: expect.any(Array),
    });
    expect(kept[1]).toMatchObject({
      outcome: 'rejected',
      code: 'deal-not-booked',
      source: 'test',
      partnerId: 'P-9',
      position: first.position,
      origin: { transport: 'kafka', partition: 2, offset: '41' },
    });
    expect(JSON.parse(kept[1]!.payload)).toEqual(refused);
  });

  describe("a message's outcome is decided once", () => {
    /** The rejection log fails the first write, as in a crash between a lane's append and its log writes. */
    const failingOnce = (log: SqliteRejectionLog): SqliteRejectionLog => {
      let failed = false;
      return Object.assign(Object.create(log) as SqliteRejectionLog, {
        record: (entry: Parameters<SqliteRejectionLog['record']>[0]) =>
          failed ? log.record(entry) : ((failed = true), Promise.reject(new Error('disk full'))),
      });
    };
    const lane = () => [
      message('P-1', 'CreditsReversed', { dealId: 'D-9' }, 'reverse-D-9'),
      message('P-1', 'CreditsBooked', { dealId: 'D-9', area: 'vmc-on-aws', credits: 10 }, 'book-D-9'),
      { messageId: 'bad-1', type: 'Nope' },
    ];

    it('a lane retried after a failure reports what the first attempt decided: the reversal stays rejected', async () => {
      const flaky = new IngestionService({ handler: new PartnerCommandHandler(store, DEFAULT_CATALOG), rejections: failingOnce(rejections), clock: () => NOW });
      const inputs = lane().map((body) => ({ body, payload: JSON.stringify(body), origin }));
      await expect(flaky.ingestBatch(inputs)).rejects.toThrow('disk full');
      const retried = await flaky.ingestBatch(inputs);
      expect(retried.map((r) => [r.outcome, r.code])).toEqual([
        ['rejected', 'deal-not-booked'],
        ['duplicate', undefined],
        ['invalid', 'invalid'],
      ]);
      expect(await typesOf('P-1')).toEqual(['MessageRejected:', 'CreditsBooked:D-9']);
    });

    it('a redelivery after a restart gets the original rejection, with the position of its record', async () => {
      const [reversal, booking] = lane();
      const first = await ingestion.ingest({ body: reversal, payload: JSON.stringify(reversal), origin });
      await ingestion.ingest({ body: booking, payload: JSON.stringify(booking), origin });
      const restarted = new IngestionService({ handler: new PartnerCommandHandler(store, DEFAULT_CATALOG), rejections, clock: () => NOW });
      expect(await restarted.ingest({ body: reversal, payload: JSON.stringify(reversal), origin })).toEqual(first);
      expect(first).toMatchObject({ outcome: 'rejected', code: 'deal-not-booked', position: 1 });
    });
  });
});

describe('PartnerCommandHandler', () => {
  it('two handlers (two processes) on one store both land their commands: conflicts are retried', async () => {
    const store = SqliteEventStore.open({ location: ':memory:' });
    const [a, b] = [new PartnerCommandHandler(store, DEFAULT_CATALOG), new PartnerCommandHandler(store, DEFAULT_CATALOG)];
    const fact = (dealId: string) => ({
      type: 'RecordFact' as const,
      partnerId: 'P-1',
      fact: {
        type: 'CreditsBooked' as const,
        data: { dealId, area: 'vmc-on-aws' as const, credits: 1 },
        meta: { messageId: dealId, occurredAt: '2026-02-01T00:00:00Z', source: 't' },
      },
    });
    const handled = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).handle(fact(`D-${i}`))));
    expect(handled.every((h) => h.decision.kind === 'accepted')).toBe(true);
    expect(await store.streamRevision(partnerStreamId('P-1'))).toBe(19);
    await store.close();
  });

  const booking = (dealId: string, messageId = `book-${dealId}`) => ({
    type: 'RecordFact' as const,
    partnerId: 'P-1',
    fact: {
      type: 'CreditsBooked' as const,
      data: { dealId, area: 'vmc-on-aws' as const, credits: 1 },
      meta: { messageId, occurredAt: '2026-02-01T00:00:00Z', source: 't' },
    },
  });
  const reversal = (dealId: string) => ({
    type: 'RecordFact' as const,
    partnerId: 'P-1',
    fact: { type: 'CreditsReversed' as const, data: { dealId }, meta: { messageId: `reverse-${dealId}`, occurredAt: '2026-02-02T00:00:00Z', source: 't' } },
  });

  it('a warm command reads nothing before its append (the expected revision guards the cached state)', async () => {
    const store = SqliteEventStore.open({ location: ':memory:' });
    let reads = 0;
    const counting = Object.assign(Object.create(store) as SqliteEventStore, {
      readStream: (...args: Parameters<SqliteEventStore['readStream']>) => (reads++, store.readStream(...args)),
    });
    const handler = new PartnerCommandHandler(counting, DEFAULT_CATALOG);
    await handler.handle(booking('D-1'));
    const before = reads;
    await handler.handle(booking('D-2'));
    await handler.handle(reversal('D-1'));
    expect(reads - before).toBe(0);
    await store.close();
  });

  it('a stale cached state never turns into a wrong rejection or a missed duplicate', async () => {
    const store = SqliteEventStore.open({ location: ':memory:' });
    const [a, b] = [new PartnerCommandHandler(store, DEFAULT_CATALOG), new PartnerCommandHandler(store, DEFAULT_CATALOG)];
    await a.handle(booking('D-0')); // a caches P-1 at revision 0
    const booked = await b.handle(booking('D-1')); // the other process books D-1
    // a's cache does not know D-1: the reversal would be 'deal-not-booked' on it.
    expect((await a.handle(reversal('D-1'))).decision.kind).toBe('accepted');
    // b stores a message a has never seen; a must answer it as a duplicate at b's position.
    const fromB = await b.handle(booking('D-2', 'shared-message'));
    const again = await a.handle(booking('D-2', 'shared-message'));
    expect(again.decision.kind).toBe('duplicate');
    expect(again.positions).toEqual(fromB.positions);
    expect(booked.decision.kind).toBe('accepted');
    await store.close();
  });
});
