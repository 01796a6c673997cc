import { DEFAULT_CATALOG } from '@partner-program/domain';
import { partnerStreamId } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { IngestionService } from './ingestion.service';
import { PartnerCommandHandler } from './partner-command-handler';
import { MAX_KEPT_PAYLOAD_CHARS, type ReplayAttempt } from './rejection-log';
import { RejectionLogProjector } from './rejection-log.projector';
import { PayloadTruncatedError, RejectionNotFoundError, RejectionReplayer } from './rejection-replayer';
import { SqliteRejectionLog } from './sqlite-rejection-log';

const clock = { now: new Date('2026-11-28T09:00:00Z') };
const origin = { transport: 'http' as const };
const admin = (requestId: string) => ({ by: { role: 'admin', keyId: 'admin-1' }, requestId });
const envelope = (messageId: string, type: string, data: Record<string, unknown>, occurredAt = '2026-02-01T00:00:00Z', partnerId = 'P-1') => ({
  messageId,
  type,
  partnerId,
  occurredAt,
  source: 'crm',
  data,
});
const booking = envelope('crm-book-1', 'CreditsBooked', { dealId: 'D-1', area: 'vmc-on-aws', credits: 10 });
const reversal = envelope('crm-rev-1', 'CreditsReversed', { dealId: 'D-1' }, '2026-03-01T00:00:00Z');

describe('RejectionReplayer on the SQLite store and log', () => {
  let store: SqliteEventStore;
  let rejections: SqliteRejectionLog;
  let ingestion: IngestionService;
  let replayer: RejectionReplayer;
  /** A restart: a new command handler (empty cache) and replayer over the same store and log. */
  const restart = () => {
    const handler = new PartnerCommandHandler(store, DEFAULT_CATALOG);
    ingestion = new IngestionService({ handler, rejections, clock: () => clock.now });
    replayer = new RejectionReplayer({ handler, rejections, clock: () => clock.now });
  };
  const ingest = (body: Record<string, unknown>, payload = JSON.stringify(body)) => ingestion.ingest({ body, payload, origin });
  const listed = async () => {
    await new RejectionLogProjector(store, rejections).catchUp();
    return rejections.list({ limit: 100 });
  };
  const typesOf = async (partnerId: string) => {
    const types: string[] = [];
    for await (const event of store.readStream(partnerStreamId(partnerId))) types.push(event.type);
    return types;
  };

  beforeEach(() => {
    clock.now = new Date('2026-11-28T09:00:00Z');
    store = SqliteEventStore.open({ location: ':memory:' });
    rejections = SqliteRejectionLog.open(':memory:');
    restart();
  });
  afterEach(async () => {
    await store.close();
    await rejections.close();
  });

  it('a refusal replayed before its fix is refused again and stores nothing; after the booking it is appended, once', async () => {
    const first = await ingest(reversal);
    expect(first).toMatchObject({ outcome: 'rejected', code: 'deal-not-booked', position: 1 });
    const [refusal] = await listed();

    const early = await replayer.replay(refusal!.id, admin('req-early'));
    expect(early).toMatchObject({ id: refusal!.id, messageId: 'crm-rev-1', outcome: 'rejected', code: 'deal-not-booked', requestId: 'req-early' });
    expect(await typesOf('P-1')).toEqual(['MessageRejected']);

    await ingest(booking);
    const fixed = await replayer.replay(refusal!.id, admin('req-fixed'));
    expect(fixed).toMatchObject({ outcome: 'appended', position: 3, by: { role: 'admin', keyId: 'admin-1' }, requestId: 'req-fixed' });
    // Again: the recorded answer (its request id says which replay decided it), nothing stored.
    expect(await replayer.replay(refusal!.id, admin('req-again'))).toEqual(fixed);
    expect(await typesOf('P-1')).toEqual(['MessageRejected', 'CreditsBooked', 'CreditsReversed']);

    // An ordinary retry of the message is a redelivery: its first outcome, where it was recorded.
    expect(await ingest(reversal)).toMatchObject({ outcome: 'rejected', code: 'deal-not-booked', position: 1 });
    const [after] = await listed();
    expect(after!.replays?.map((r: ReplayAttempt) => [r.outcome, r.requestId])).toEqual([
      ['rejected', 'req-early'],
      ['appended', 'req-fixed'],
    ]);
  });

  it('keeps who replayed it in the stored event: the key name as actor, the request as correlation, the rejection as cause', async () => {
    await ingest(reversal);
    await ingest(booking);
    const [refusal] = await listed();
    await replayer.replay(refusal!.id, admin('req-1'));
    const events = [];
    for await (const event of store.readStream(partnerStreamId('P-1'))) events.push(event);
    expect(events.at(-1)!.metadata).toMatchObject({
      messageId: 'crm-rev-1',
      actor: { role: 'admin', name: 'admin-1' },
      correlationId: 'req-1',
      causationId: `rejection:${refusal!.id}`,
    });
  });

  it("an invalid message still invalid records the attempt; valid under today's clock it is appended", async () => {
    const ahead = envelope('lms-1', 'TrainingCompleted', { courseId: 'vsp-foundation', learnerId: 'L-1' }, '2026-11-28T10:00:00Z');
    expect(await ingest(ahead)).toMatchObject({ outcome: 'invalid' });
    const [invalid] = await listed();
    const still = await replayer.replay(invalid!.id, admin('req-1'));
    expect(still).toMatchObject({ outcome: 'invalid', code: 'invalid', reason: expect.stringContaining('occurredAt') });
    clock.now = new Date('2026-11-28T11:00:00Z');
    expect(await replayer.replay(invalid!.id, admin('req-2'))).toMatchObject({ outcome: 'appended', position: 1 });
    expect(await replayer.replay(invalid!.id, admin('req-3'))).toMatchObject({ outcome: 'appended', position: 1, requestId: 'req-2' });
    expect((await rejections.get(invalid!.id))!.replays).toHaveLength(2);
  });

  it('an invalid message whose messageId another partner holds by now is rejected message-id-reused, nothing stored', async () => {
    const ahead = { ...booking, partnerId: 'P-2', occurredAt: '2026-11-28T10:00:00Z' };
    expect(await ingest(ahead)).toMatchObject({ outcome: 'invalid' });
    await ingest(booking);
    const [invalid] = await listed();
    clock.now = new Date('2026-11-28T11:00:00Z');
    expect(await replayer.replay(invalid!.id, admin('req-1'))).toMatchObject({
      outcome: 'rejected',
      code: 'message-id-reused',
      reason: 'messageId crm-book-1 was already used for partner P-1',
    });
    expect(await typesOf('P-2')).toEqual([]);
  });

  it('refuses a truncated message and an unknown id', async () => {
    const huge = { ...booking, data: { ...booking.data, note: 'x'.repeat(MAX_KEPT_PAYLOAD_CHARS) } };
    await ingest(huge);
    const [cut] = await listed();
    await expect(replayer.replay(cut!.id, admin('req-1'))).rejects.toBeInstanceOf(PayloadTruncatedError);
    await expect(replayer.replay(cut!.id + 1, admin('req-1'))).rejects.toBeInstanceOf(RejectionNotFoundError);
    expect((await rejections.get(cut!.id))!.replays).toBeUndefined();
  });

  it('a crash between the append and the recording stores nothing twice: the next replay finds the fact and records it appended', async () => {
    await ingest(reversal);
    await ingest(booking);
    const [refusal] = await listed();
    const record = rejections.recordReplay.bind(rejections);
    rejections.recordReplay = () => Promise.reject(new Error('crashed before the attempt was recorded'));
    await expect(replayer.replay(refusal!.id, admin('req-lost'))).rejects.toThrow('crashed');
    rejections.recordReplay = record;
    restart();
    expect(await replayer.replay(refusal!.id, admin('req-next'))).toMatchObject({ outcome: 'appended', position: 3, requestId: 'req-next' });
    expect(await typesOf('P-1')).toEqual(['MessageRejected', 'CreditsBooked', 'CreditsReversed']);
    expect((await rejections.get(refusal!.id))!.replays).toHaveLength(1);
  });

  describe('bulk', () => {
    const reversalOf = (n: number, source = 'crm') => ({
      ...envelope(`crm-rev-${n}`, 'CreditsReversed', { dealId: `D-${n}` }, '2026-03-01T00:00:00Z'),
      source,
    });
    const bookingOf = (n: number) => envelope(`crm-book-${n}`, 'CreditsBooked', { dealId: `D-${n}`, area: 'vmc-on-aws', credits: 10 });

    it('replays the matching entries in id order, skips those already stored, and pages with nextAfter', async () => {
      for (const n of [1, 2, 3]) await ingest(reversalOf(n));
      await ingest(reversalOf(4, 'erp'));
      await ingest(envelope('lms-1', 'TrainingCompleted', { courseId: 'x', learnerId: 'L-1' }, '2026-11-29T00:00:00Z'));
      await ingest(bookingOf(1));
      await ingest(bookingOf(3));
      await listed();
      const filter = { code: 'deal-not-booked' };

      const dry = await replayer.replayMatching({ filter, source: 'crm', limit: 2, dryRun: true }, admin('req-dry'));
      expect(dry).toEqual({
        dryRun: true,
        results: [
          expect.objectContaining({ messageId: 'crm-rev-1', wouldReplay: true }),
          expect.objectContaining({ messageId: 'crm-rev-2', wouldReplay: true }),
        ],
        nextAfter: expect.any(Number),
      });
      expect(dry.nextAfter).toBe(dry.results[1]!.id);
      expect(await typesOf('P-1')).not.toContain('CreditsReversed');

      const first = await replayer.replayMatching({ filter, source: 'crm', limit: 2 }, admin('req-bulk'));
      expect(first.results.map((r) => ['outcome' in r ? r.outcome : '', r.messageId])).toEqual([
        ['appended', 'crm-rev-1'],
        ['rejected', 'crm-rev-2'],
      ]);
      const rest = await replayer.replayMatching({ filter, source: 'crm', after: first.nextAfter!, limit: 2 }, admin('req-bulk-2'));
      expect(rest).toMatchObject({ dryRun: false, results: [{ messageId: 'crm-rev-3', outcome: 'appended' }], nextAfter: null });
      // Stored ones are no longer selected; the one still refused is.
      const again = await replayer.replayMatching({ filter, limit: 10 }, admin('req-bulk-3'));
      expect(again.results.map((r) => r.messageId)).toEqual(['crm-rev-2', 'crm-rev-4']);
      expect((await typesOf('P-1')).filter((t) => t === 'CreditsReversed')).toHaveLength(2);
    });
  });
});
