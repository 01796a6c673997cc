import { startOfDate, toIsoDate } from './time';

/** The original check: a date is valid when formatting its time back gives the same text. */
function byRoundTrip(date: string): number | 'invalid' {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const millis = Date.UTC(year, month - 1, day);
  return toIsoDate(millis) === date ? millis : 'invalid';
}

function checked(date: string): number | 'invalid' {
  try {
    return startOfDate(date);
  } catch {
    return 'invalid';
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('startOfDate', () => {
  it('accepts exactly the calendar dates that round-trip, leap days and two-digit years included', () => {
    for (const year of [0, 1, 99, 100, 1600, 1900, 2000, 2023, 2024, 2100, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          expect([date, checked(date)]).toEqual([date, byRoundTrip(date)]);
        }
      }
    }
  });

  it('rejects text that is not YYYY-MM-DD', () => {
    for (const text of ['2024-1-01', '2024-01-01T00:00:00Z', '', 'tomorrow']) expect(() => startOfDate(text)).toThrow(RangeError);
  });
});
