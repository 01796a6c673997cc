import { FencedOutError } from '@partner-program/event-store';
import { MAX_KEPT_PAYLOAD_CHARS, type ProjectedRefusal, type RejectionEntry, type RejectionLog, type ReplayAttempt } from '../rejection-log';

/** A log under test, with its group-commit counter. */
export type LogUnderTest = RejectionLog & { readonly commits: number };

/** Storage for one test: `open` may be called again (a restart) and sees what was written before. */
export type RejectionLogPlace = Readonly<{ open: () => Promise<LogUnderTest>; dispose: () => Promise<void> }>;

const entry = (i: number, overrides: Partial<RejectionEntry> = {}): RejectionEntry => ({
  outcome: 'invalid',
  code: 'invalid',
  reason: `broken ${i}`,
  payload: `{"n":${i}}`,
  origin: { transport: 'http', requestId: `req-${i}` },
  receivedAt: '2026-11-28T00:00:00.000Z',
  ...overrides,
});

const refusal = (position: bigint): ProjectedRefusal => ({
  position,
  entry: entry(Number(position), { outcome: 'rejected', code: 'deal-not-booked', messageId: `m-${position}`, partnerId: 'P-1', type: 'CreditsReversed' }),
});

/**
 * What every {@link RejectionLog} adapter does, run by each adapter's spec (SQLite in
 * sqlite-rejection-log.int-spec.ts, PostgreSQL in postgres-rejection-log.pg-spec.ts).
 */
export function describeRejectionLogContract(name: string, newPlace: () => Promise<RejectionLogPlace>): void {
  describe(`RejectionLog contract: ${name}`, () => {
    let place: RejectionLogPlace;
    const opened: LogUnderTest[] = [];
    const open = async () => {
      const log = await place.open();
      opened.push(log);
      return log;
    };
    beforeEach(async () => {
      place = await newPlace();
    });
    afterEach(async () => {
      for (const log of opened.splice(0)) await log.close();
      await place.dispose();
    });

    it('commits records arriving together in one transaction, and keeps each message once', async () => {
      const log = await open();
      await Promise.all(Array.from({ length: 100 }, (_, i) => log.record(entry(i % 50))));
      expect(log.commits).toBe(1);
      expect(await log.list({ limit: 1000 })).toHaveLength(50);
    });

    it('keeps every field as given: problems, identity, origin, and the payload as received text', async () => {
      const log = await open();
      const payload = '{"messageId":"a\u0000b","note":"caf\u00e9 \ud83d\ude00","bad":}';
      const kept = entry(1, {
        payload,
        problems: [{ path: 'data.credits', message: 'must be > 0' }],
        messageId: 'm-1',
        partnerId: 'P-1',
        type: 'CreditsBooked',
        origin: { transport: 'kafka', topic: 't', partition: 3, offset: '9007199254740993' },
      });
      await log.record(kept);
      const [listed] = await log.list({ limit: 10 });
      expect(listed).toEqual({ ...kept, id: expect.any(Number) });
      expect(listed).not.toHaveProperty('position');
    });

    it('is durable across reopening, and pages by id', async () => {
      const first = await open();
      for (let i = 0; i < 5; i++) await first.record(entry(i));
      await first.close();
      const again = await open();
      const page = await again.list({ limit: 2 });
      expect(page.map((r) => r.reason)).toEqual(['broken 0', 'broken 1']);
      expect((await again.list({ after: page[1]!.id, limit: 10 })).map((r) => r.reason)).toEqual(['broken 2', 'broken 3', 'broken 4']);
    });

    it('keeps a huge payload truncated with a marker, and never merges two that differ past the cut', async () => {
      const log = await open();
      const huge = (end: string) => entry(0, { payload: `{"source":"${'x'.repeat(MAX_KEPT_PAYLOAD_CHARS * 2)}${end}"}` });
      await log.record(huge('a'));
      await log.record(huge('b'));
      await log.record(huge('a'));
      const kept = await log.list({ limit: 10 });
      expect(kept).toHaveLength(2);
      const length = huge('a').payload.length;
      for (const { payload } of kept) {
        expect(payload.startsWith(huge('a').payload.slice(0, MAX_KEPT_PAYLOAD_CHARS))).toBe(true);
        expect(payload.endsWith(`…[truncated: ${length} characters received, the first ${MAX_KEPT_PAYLOAD_CHARS} kept]`)).toBe(true);
      }
    });

    it('records refusals once by position, with the checkpoint in the same write', async () => {
      const log = await open();
      expect(await log.checkpoint()).toBe(0n);
      await log.recordRefusals([refusal(2n), refusal(5n)], 6n);
      await log.recordRefusals([refusal(5n)], 6n); // a replayed page
      expect(await log.checkpoint()).toBe(6n);
      const listed = await log.list({ limit: 10 });
      expect(listed.map((r) => [r.position, r.messageId])).toEqual([
        [2, 'm-2'],
        [5, 'm-5'],
      ]);
      await log.recordRefusals([], 9_007_199_254_740_993n);
      expect(await log.checkpoint()).toBe(9_007_199_254_740_993n);
    });

    describe('replays (the audit trail)', () => {
      const attempt = (n: number, overrides: Partial<ReplayAttempt> = {}): ReplayAttempt => ({
        at: `2026-12-0${n}T00:00:00.000Z`,
        outcome: 'invalid',
        code: 'invalid',
        reason: `still broken ${n}`,
        by: { role: 'admin', keyId: 'admin-1' },
        requestId: `req-replay-${n}`,
        ...overrides,
      });

      it("lists an entry's replays oldest first, on the page and by id, and keeps them across reopening", async () => {
        const first = await open();
        await first.record(entry(1));
        await first.record(entry(2));
        const [one, two] = await first.list({ limit: 10 });
        await first.recordReplay(one!.id, attempt(1));
        await first.recordReplay(two!.id, attempt(2, { outcome: 'rejected', code: 'deal-not-booked', by: { role: 'admin' } }));
        await first.recordReplay(one!.id, attempt(3, { outcome: 'appended', position: 9_007_199_254_740_991, code: undefined, reason: undefined }));
        await first.close();
        const again = await open();
        const [listedOne, listedTwo] = await again.list({ limit: 10 });
        expect(listedOne!.replays).toEqual([
          attempt(1),
          { at: attempt(3).at, outcome: 'appended', position: 9_007_199_254_740_991, by: attempt(1).by, requestId: 'req-replay-3' },
        ]);
        expect(listedTwo!.replays).toEqual([attempt(2, { outcome: 'rejected', code: 'deal-not-booked', by: { role: 'admin' } })]);
        expect(await again.get(one!.id)).toEqual(listedOne);
        expect(await again.get(listedTwo!.id + 1)).toBeUndefined();
      });

      it('an entry never replayed has no replays field', async () => {
        const log = await open();
        await log.record(entry(1));
        const [listed] = await log.list({ limit: 10 });
        expect(listed).not.toHaveProperty('replays');
        expect(await log.get(listed!.id)).toEqual(listed);
      });
    });

    it('selects entries by code, type, outcome and the time received (from inclusive, to exclusive)', async () => {
      const log = await open();
      const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`;
      await log.record(entry(1, { receivedAt: at(1) }));
      await log.record(entry(2, { receivedAt: at(2), outcome: 'rejected', code: 'message-id-reused', type: 'CreditsBooked' }));
      await log.recordRefusals([refusal(3n)], 3n);
      const reasons = async (filter: Parameters<RejectionLog['list']>[0]['filter']) => (await log.list({ limit: 10, filter })).map((r) => r.reason);
      expect(await reasons({ outcome: 'invalid' })).toEqual(['broken 1']);
      expect(await reasons({ outcome: 'rejected', type: 'CreditsBooked' })).toEqual(['broken 2']);
      expect(await reasons({ code: 'deal-not-booked' })).toEqual(['broken 3']);
      expect(await reasons({ receivedFrom: at(2), receivedTo: at(28) })).toEqual(['broken 2']);
      expect(await reasons({})).toEqual(['broken 1', 'broken 2', 'broken 3']);
    });

    describe('fenced checkpoint writes', () => {
      it('a newer token moves the checkpoint; an older one is refused and keeps none of its refusals', async () => {
        const log = await open();
        await log.recordRefusals([refusal(1n)], 1n, () => 3n);
        await log.recordRefusals([refusal(2n)], 2n, () => 4n);
        const stale = log.recordRefusals([refusal(3n)], 3n, () => 3n);
        await expect(stale).rejects.toBeInstanceOf(FencedOutError);
        await expect(stale).rejects.toMatchObject({ token: 3n });
        expect(await log.checkpoint()).toBe(2n);
        expect((await log.list({ limit: 10 })).map((r) => r.position)).toEqual([1, 2]);
      });

      it('the same token writes again (one leader, many pages), and a process that does not lead writes nothing', async () => {
        const log = await open();
        await log.recordRefusals([], 1n, () => 7n);
        await log.recordRefusals([], 2n, () => 7n);
        await expect(log.recordRefusals([refusal(3n)], 3n, () => undefined)).rejects.toBeInstanceOf(FencedOutError);
        expect(await log.checkpoint()).toBe(2n);
        expect(await log.list({ limit: 10 })).toEqual([]);
      });

      it('the fence survives reopening: a stale leader restarted is still refused', async () => {
        const first = await open();
        await first.recordRefusals([], 5n, () => 2n);
        await first.close();
        const again = await open();
        await expect(again.recordRefusals([], 6n, () => 1n)).rejects.toBeInstanceOf(FencedOutError);
        expect(await again.checkpoint()).toBe(5n);
      });
    });
  });
}
