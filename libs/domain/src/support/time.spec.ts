import fc from 'fast-check';
import { isIsoDate, startOfDate, toIsoDate } from './time';

/** The former definition: a date is a calendar date when formatting its start gives it back. */
const formatsBack = (date: string): boolean => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return toIsoDate(Date.UTC(year, month - 1, day)) === date;
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('calendar dates', () => {
  it('accepts exactly the dates that format back to themselves, for any year, month 0-13, day 0-32', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        expect(isIsoDate(date)).toBe(formatsBack(date));
        if (formatsBack(date)) expect(toIsoDate(startOfDate(date))).toBe(date);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each(['2024-02-29', '2000-02-29', '1999-12-31', '0100-01-01'])('accepts %s', (date) => expect(isIsoDate(date)).toBe(true));
  it.each(['2023-02-29', '1900-02-29', '2021-04-31', '2021-13-01', '2021-00-10', '0099-12-31', '2021-1-01'])('refuses %s', (date) => {
    expect(() => startOfDate(date)).toThrow(RangeError);
  });
});

describe('startOfDate on text that is no date', () => {
  it.each(['2024-1-01', '2024-01-01T00:00:00Z', '', 'tomorrow'])('refuses %j', (text) => expect(() => startOfDate(text)).toThrow(RangeError));
});
