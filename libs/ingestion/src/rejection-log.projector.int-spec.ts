import { DEFAULT_CATALOG } from '@partner-program/domain';
import { FencedOutError, SqliteEventStore } from '@partner-program/event-store';
import { IngestionService } from './ingestion.service';
import { PartnerCommandHandler } from './partner-command-handler';
import { RejectionLogProjector } from './rejection-log.projector';
import { SqliteRejectionLog } from './sqlite-rejection-log';

const NOW = new Date('2026-11-28T09:00:00Z');
const reversal = (partnerId: string, dealId: string) => ({
  messageId: `reverse-${partnerId}-${dealId}`,
  type: 'CreditsReversed',
  partnerId,
  occurredAt: '2026-02-01T00:00:00Z',
  source: 'crm',
  data: { dealId },
});
const booking = (partnerId: string, dealId: string) => ({
  messageId: `book-${partnerId}-${dealId}`,
  type: 'CreditsBooked',
  partnerId,
  occurredAt: '2026-02-01T00:00:00Z',
  source: 'crm',
  data: { dealId, area: 'vmc-on-aws', credits: 5 },
});

describe('RejectionLogProjector: refusals listed from the store', () => {
  let store: SqliteEventStore;
  let log: SqliteRejectionLog;
  let ingestion: IngestionService;
  const ingest = (body: object, requestId = 'req-1') => ingestion.ingest({ body, payload: JSON.stringify(body), origin: { transport: 'http', requestId } });

  beforeEach(() => {
    store = SqliteEventStore.open({ location: ':memory:' });
    log = SqliteRejectionLog.open(':memory:');
    ingestion = new IngestionService({ handler: new PartnerCommandHandler(store, DEFAULT_CATALOG), rejections: log, clock: () => NOW });
  });
  afterEach(async () => {
    await store.close();
    await log.close();
  });

  it('lists each stored refusal once, with its position and origin, whatever else the log holds', async () => {
    await ingest(booking('P-1', 'D-1'));
    const refused = await ingest(reversal('P-1', 'D-2'), 'req-7');
    await ingest(booking('P-2', 'D-1'));
    const projector = new RejectionLogProjector(store, log, { pageSize: 2 });
    expect(await projector.catchUp()).toBe(3);
    expect(await projector.catchUp()).toBe(0);
    expect(await log.list({ limit: 10 })).toEqual([
      expect.objectContaining({
        outcome: 'rejected',
        code: 'deal-not-booked',
        messageId: 'reverse-P-1-D-2',
        partnerId: 'P-1',
        type: 'CreditsReversed',
        source: 'crm',
        position: refused.position,
        origin: { transport: 'http', requestId: 'req-7' },
      }),
    ]);
    expect(await projector.checkpoint()).toBe(3n);
  });

  it('a page that failed to be written is projected again, its refusal once', async () => {
    await ingest(reversal('P-1', 'D-2'));
    let failures = 1;
    const flaky = Object.assign(Object.create(log) as SqliteRejectionLog, {
      recordRefusals: (...args: Parameters<SqliteRejectionLog['recordRefusals']>) =>
        failures-- > 0 ? Promise.reject(new Error('disk full')) : log.recordRefusals(...args),
    });
    const projector = new RejectionLogProjector(store, flaky);
    await expect(projector.catchUp()).rejects.toThrow('disk full');
    expect(await log.checkpoint()).toBe(0n);
    await projector.catchUp();
    await ingest(reversal('P-1', 'D-2')); // a redelivery: rejected again, nothing new stored
    await projector.catchUp();
    expect((await log.list({ limit: 10 })).map((entry) => entry.code)).toEqual(['deal-not-booked']);
  });

  it('follows the store while running and stops when aborted', async () => {
    const projector = new RejectionLogProjector(store, log);
    const stop = new AbortController();
    const running = projector.run(stop.signal, 5);
    try {
      const refused = await ingest(reversal('P-3', 'D-1'));
      for (let i = 0; i < 100 && (await projector.checkpoint()) < BigInt(refused.position!); i++) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await log.list({ limit: 10 })).toEqual([expect.objectContaining({ messageId: 'reverse-P-3-D-1', position: refused.position })]);
    } finally {
      // Stopped whatever happened above: a loop left running polls for ever and keeps jest's worker alive.
      stop.abort();
      await running;
    }
  });

  it('starts each catch-up from the stored checkpoint, which another leader may have moved', async () => {
    await ingest(reversal('P-4', 'D-1'));
    await ingest(reversal('P-4', 'D-2'));
    const projector = new RejectionLogProjector(store, log, { fence: () => 1n });
    // Another projector, elected later, has projected both refusals already.
    await log.recordRefusals([], 2n, () => 2n);
    await expect(projector.catchUp()).resolves.toBe(0);
    expect(await log.list({ limit: 10 })).toEqual([]);
  });

  it('a fenced-out projector writes nothing and its run stops, where other errors are retried', async () => {
    await ingest(reversal('P-5', 'D-1'));
    await log.recordRefusals([], 0n, () => 9n); // a newer leader holds the checkpoint
    const errors: unknown[] = [];
    const projector = new RejectionLogProjector(store, log, { fence: () => 8n, onError: (error) => errors.push(error) });
    await expect(projector.catchUp()).rejects.toBeInstanceOf(FencedOutError);
    const stop = new AbortController();
    const stopped = projector.run(stop.signal, 5).then(() => 'stopped by itself');
    const timeout = new Promise((resolve) => setTimeout(resolve, 2_000, 'still running'));
    const outcome = await Promise.race([stopped, timeout]);
    stop.abort();
    expect(outcome).toBe('stopped by itself');
    expect(errors).toEqual([]);
    expect(await log.list({ limit: 10 })).toEqual([]);
    expect(await log.checkpoint()).toBe(0n);
  });
});
