import { DEFAULT_CATALOG, type PartnerEvent, partnerStreamId, toIsoTime } from '@partner-program/domain';
import { arbitraryHistory, arbitraryTime } from '@partner-program/domain/testing';
import { SqliteEventStore } from '@partner-program/event-store';
import { toNewEvent } from '@partner-program/ingestion';
import fc from 'fast-check';
import { PartnerHistoryService } from './partner-history.service';

// ── knownAt against stores written with a clock the test sets for every append ────────────────
// Recording times are drawn at random, not in order: several processes stamp `recordedAt` from
// their own clocks, so a stream's recording times need not rise.

const PARTNER = 'P-1';
const recorded = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 11, 31) });
/** A history with a recording time for each of its events. */
const recordedHistory = arbitraryHistory.chain((history) =>
  fc.array(recorded, { minLength: history.length, maxLength: history.length }).map((times) => history.map((event, i) => ({ event, recordedAt: times[i]! }))),
);
type Recorded = { event: PartnerEvent; recordedAt: number };

/** A service over an in-memory store holding `events`, each appended at its recording time. */
async function serviceOver(events: readonly Recorded[]): Promise<{ service: PartnerHistoryService; positions: bigint[]; close: () => Promise<void> }> {
  let now = new Date(0);
  const store = SqliteEventStore.open({ location: ':memory:', clock: () => now });
  const positions: bigint[] = [];
  for (const { event, recordedAt } of events) {
    now = new Date(recordedAt);
    positions.push((await store.append(partnerStreamId(PARTNER), [toNewEvent(event)], { expectedRevision: 'any' })).position);
  }
  return { service: new PartnerHistoryService(store, DEFAULT_CATALOG), positions, close: () => store.close() };
}

describe('PartnerHistoryService knownAt (property-based)', () => {
  it('with knownAt at or after every recording (now) gives the answers of the plain as-of path', async () => {
    await fc.assert(
      fc.asyncProperty(
        recordedHistory.filter((h) => h.length > 0),
        arbitraryTime,
        async (history, asOf) => {
          const { service, close } = await serviceOver(history);
          const now = Math.max(...history.map((h) => h.recordedAt));
          const plain = await service.statusAsOf(PARTNER, asOf);
          // A history of refusals only has no status either way.
          expect(await service.statusAsOf(PARTNER, asOf, now)).toEqual(plain && { ...plain, knownAt: toIsoTime(now) });
          expect(await service.timeline(PARTNER, { to: asOf }, now)).toEqual(await service.timeline(PARTNER, { to: asOf }));
          await close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('ignores every fact recorded after knownAt: the answer equals that of the history without them', async () => {
    await fc.assert(
      fc.asyncProperty(recordedHistory, recorded, arbitraryTime, async (history, knownAt, asOf) => {
        const everything = await serviceOver(history);
        const knownThen = history.filter((h) => h.recordedAt <= knownAt);
        const without = await serviceOver(knownThen);
        const status = await everything.service.statusAsOf(PARTNER, asOf, knownAt);
        // Refusals alone are no events of the partner: nothing to answer (as for a partner unknown).
        if (knownThen.every((h) => h.event.type === 'MessageRejected')) expect(status).toBeUndefined();
        else {
          const lastKnown = everything.positions.filter((_, i) => history[i]!.recordedAt <= knownAt).at(-1)!;
          expect(status).toEqual({ ...(await without.service.statusAsOf(PARTNER, asOf)), knownAt: toIsoTime(knownAt), position: Number(lastKnown) });
          const timeline = await everything.service.timeline(PARTNER, { to: asOf }, knownAt);
          expect(timeline).toEqual({ ...(await without.service.timeline(PARTNER, { to: asOf })), position: Number(lastKnown) });
        }
        await Promise.all([everything.close(), without.close()]);
      }),
      { numRuns: 40 },
    );
  });
});
