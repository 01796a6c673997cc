import fc from 'fast-check';
import { foldEvents } from '../as-of';
import { evaluateStatus } from '../evaluation/evaluate-status';
import { DEFAULT_CATALOG } from '../rules/ruleset-catalog';
import { DAY_MS, toIsoTime, toMillis } from '../support/time';
import { arbitraryHistory, arbitraryTime } from '../testing/arbitrary-history';
import { booked } from '../testing/facts';
import { PARTNER } from '../testing/given';
import { AREAS, type AreaId, type Tier, tierRank } from '../vocabulary';
import { forecast } from './forecast';

// The forecast must say exactly what evaluating the status at later times says: each change's
// from/to just before and at its time, and no other change anywhere in between.

/** Mostly inside the two years where generated facts cluster, so that drops are common. */
const now = fc.oneof(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2022, 0, 1) }), arbitraryTime);
const horizon = fc.integer({ min: 1, max: 730 * DAY_MS });
const samples = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 });

describe('forecast (property-based)', () => {
  it('evaluating the status at each forecast time, and just before, gives its from and to', () => {
    fc.assert(
      fc.property(arbitraryHistory, now, horizon, (history, from, ahead) => {
        const state = foldEvents(history);
        for (const change of forecast(state, DEFAULT_CATALOG, PARTNER, from, from + ahead).changes) {
          const at = toMillis(change.at);
          expect(evaluateStatus(state, DEFAULT_CATALOG, PARTNER, at - 1).areas[change.area].tier).toBe(change.from);
          expect(evaluateStatus(state, DEFAULT_CATALOG, PARTNER, at).areas[change.area].tier).toBe(change.to);
        }
      }),
    );
  });

  it('between forecast times every tier stays as the forecast left it', () => {
    fc.assert(
      fc.property(arbitraryHistory, now, horizon, samples, (history, from, ahead, fractions) => {
        const state = foldEvents(history);
        const { changes } = forecast(state, DEFAULT_CATALOG, PARTNER, from, from + ahead);
        const tiers = tiersAt(from);
        const expected = new Map<AreaId, Tier | null>(AREAS.map((area) => [area, tiers[area].tier]));
        let next = 0;
        for (const time of fractions.map((fraction) => from + Math.ceil(fraction * ahead)).sort((a, b) => a - b)) {
          for (; next < changes.length && toMillis(changes[next]!.at) <= time; next++) expected.set(changes[next]!.area, changes[next]!.to);
          const status = tiersAt(time);
          for (const area of AREAS) expect(status[area].tier).toBe(expected.get(area));
        }

        function tiersAt(time: number) {
          return evaluateStatus(state, DEFAULT_CATALOG, PARTNER, time).areas;
        }
      }),
    );
  });

  it('booking the credits a drop names, just before it, keeps the tier', () => {
    fc.assert(
      fc.property(arbitraryHistory, now, horizon, (history, from, ahead) => {
        const state = foldEvents(history);
        for (const change of forecast(state, DEFAULT_CATALOG, PARTNER, from, from + ahead).changes) {
          const [only, ...others] = change.prevention;
          if (only?.action !== 'book-credits' || others.length > 0) continue;
          const at = toMillis(change.at);
          const topUp = booked(toIsoTime(at - 1), `D-topup-${at}`, change.area, only.credits!);
          const tier = evaluateStatus(foldEvents([...history, topUp]), DEFAULT_CATALOG, PARTNER, at).areas[change.area].tier;
          expect(tierRank(tier)).toBeGreaterThanOrEqual(tierRank(change.from));
        }
      }),
      { numRuns: 300 },
    );
  });
});
