import fc from 'fast-check';
import { resolveInstant } from './instant';
import { addDays, toIsoDate } from './time';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Santiago', 'Asia/Beirut', 'Asia/Kolkata', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'];
const formats = new Map(ZONES.map((timeZone) => [timeZone, new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' })]));
const localDate = (millis: number, timeZone: string) => formats.get(timeZone)!.format(millis);
const date = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2040, 11, 31) }).map(toIsoDate);

describe('resolveInstant', () => {
  it('reads a date as the end of that day in UTC by default: 23:59:59.999Z', () => {
    expect(new Date(resolveInstant('2026-02-01', 'UTC', 'end-of-day')).toISOString()).toBe('2026-02-01T23:59:59.999Z');
    expect(new Date(resolveInstant('2026-02-01', 'UTC', 'start-of-day')).toISOString()).toBe('2026-02-01T00:00:00.000Z');
  });

  it('reads a date in a time zone, daylight saving included', () => {
    expect(new Date(resolveInstant('2026-02-01', 'Europe/Berlin', 'end-of-day')).toISOString()).toBe('2026-02-01T22:59:59.999Z');
    expect(new Date(resolveInstant('2026-07-01', 'Europe/Berlin', 'end-of-day')).toISOString()).toBe('2026-07-01T21:59:59.999Z');
    expect(new Date(resolveInstant('2026-07-01', 'America/New_York', 'start-of-day')).toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('starts a day whose midnight daylight saving skips at 01:00 (Santiago, 11 September 2022)', () => {
    expect(new Date(resolveInstant('2022-09-11', 'America/Santiago', 'start-of-day')).toISOString()).toBe('2022-09-11T04:00:00.000Z');
    expect(new Date(resolveInstant('2022-09-10', 'America/Santiago', 'end-of-day')).toISOString()).toBe('2022-09-11T03:59:59.999Z');
  });

  it('takes a timestamp as itself, whatever the zone', () => {
    expect(resolveInstant('2026-02-01T10:00:00+02:00', 'Asia/Kolkata', 'end-of-day')).toBe(Date.parse('2026-02-01T08:00:00Z'));
  });

  it('refuses an unknown zone and text that is no time', () => {
    expect(() => resolveInstant('2026-02-01', 'Mars/Olympus_Mons', 'end-of-day')).toThrow(RangeError);
    expect(() => resolveInstant('2026-02-30', 'UTC', 'end-of-day')).toThrow(RangeError);
  });

  it('gives, in any zone, the last millisecond of the day and the first of the next (property)', () => {
    fc.assert(
      fc.property(date, fc.constantFrom(...ZONES), (day, zone) => {
        const end = resolveInstant(day, zone, 'end-of-day');
        expect([localDate(end, zone), localDate(end + 1, zone)]).toEqual([day, addDays(day, 1)]);
        expect(resolveInstant(addDays(day, 1), zone, 'start-of-day')).toBe(end + 1);
      }),
      { numRuns: 500 },
    );
  });
});
