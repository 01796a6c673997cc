import fc from 'fast-check';
import { foldEvents, statusAsOf } from '../as-of';
import { evaluateStatus } from '../evaluation/evaluate-status';
import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import { arbitraryHistory, arbitraryTime } from '../testing/arbitrary-history';
import { booked } from '../testing/facts';
import { PARTNER } from '../testing/given';
import { toIsoTime, toMillis } from '../support/time';
import { AREAS, tierRank } from '../vocabulary';
import { tierTimeline } from './tier-timeline';

const AFTER_EVERYTHING = Date.UTC(2030, 0, 1);
const statusOf = (history: Parameters<typeof foldEvents>[0], time: number) => evaluateStatus(foldEvents(history), DEFAULT_CATALOG, PARTNER, time);

describe('invariants (property-based)', () => {
  it('folding the same events twice gives the same state', () => {
    fc.assert(
      fc.property(arbitraryHistory, (history) => {
        expect(foldEvents(history)).toEqual(foldEvents(history));
      }),
    );
  });

  it('adding credits never lowers a tier', () => {
    fc.assert(
      fc.property(arbitraryHistory, arbitraryTime, fc.constantFrom(...AREAS), fc.integer({ min: 1, max: 200_000_000 }), (history, time, area, hundredths) => {
        const more = [...history, booked(toIsoTime(time), 'D-extra', area, hundredths / 100)];
        const before = statusOf(history, time + 1);
        const after = statusOf(more, time + 1);
        for (const id of AREAS) expect(tierRank(after.areas[id].tier)).toBeGreaterThanOrEqual(tierRank(before.areas[id].tier));
      }),
    );
  });

  it('the status as of any time equals the current state evaluated at that time', () => {
    fc.assert(
      fc.property(arbitraryHistory, arbitraryTime, (history, time) => {
        expect(statusAsOf(history, DEFAULT_CATALOG, PARTNER, time)).toEqual(statusOf(history, time));
      }),
    );
  });

  it('the status at a time after every fact equals the current status', () => {
    fc.assert(
      fc.property(arbitraryHistory, (history) => {
        const latest = Math.max(0, ...history.map((e) => toMillis(e.meta.occurredAt)));
        expect(statusAsOf(history, DEFAULT_CATALOG, PARTNER, AFTER_EVERYTHING)).toEqual(statusOf(history, AFTER_EVERYTHING));
        const current = statusOf(history, latest);
        expect(statusAsOf(history, DEFAULT_CATALOG, PARTNER, latest)).toEqual(current);
      }),
    );
  });

  it("the timeline's last change per area agrees with the status, at every time", () => {
    fc.assert(
      fc.property(arbitraryHistory, arbitraryTime, (history, time) => {
        const changes = tierTimeline(foldEvents(history), DEFAULT_CATALOG, { to: time });
        const status = statusOf(history, time);
        for (const area of AREAS) {
          const last = changes.filter((c) => c.area === area).at(-1);
          expect(last?.to ?? null).toBe(status.areas[area].tier);
        }
      }),
    );
  });

  it('timeline changes are ordered and each one moves the tier', () => {
    fc.assert(
      fc.property(arbitraryHistory, (history) => {
        const changes = tierTimeline(foldEvents(history), DEFAULT_CATALOG, { to: AFTER_EVERYTHING });
        changes.forEach((change, index) => {
          expect(change.from).not.toBe(change.to);
          if (index > 0) expect(Date.parse(change.at)).toBeGreaterThanOrEqual(Date.parse(changes[index - 1]!.at));
        });
      }),
    );
  });
});
