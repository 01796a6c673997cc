import { addDays, isIsoDate, startOfDate, toMillis } from './time';

// ── The instant a query names: a timestamp, or a whole day on the clocks of a time zone ──────
// Auditors read "the status on D" as at the end of D where they are, so a date alone needs a
// time zone and a side of the day. Intl carries the IANA database (Temporal is not in Node 20).

/** Which instant of a date-only value: its first millisecond, or its last (23:59:59.999). */
export type DaySide = 'start-of-day' | 'end-of-day';

/** Beyond any offset the database holds (UTC−12 to +14 today, local mean times of old dates). */
const MAX_OFFSET_MS = 18 * 3_600_000;

/**
 * Epoch ms of a query's point in time: a timestamp is itself (its offset says where it was read,
 * so `timeZone` does not apply); a date `YYYY-MM-DD` is the start or the end of that day in the
 * IANA `timeZone`. Throws a RangeError for an unknown zone or text that is no date or timestamp.
 */
export function resolveInstant(value: string, timeZone: string, side: DaySide): number {
  const localDate = localDateIn(timeZone);
  if (!isIsoDate(value)) return toMillis(value);
  return side === 'start-of-day' ? startOfDayIn(value, localDate) : startOfDayIn(addDays(value, 1), localDate) - 1;
}

/**
 * The first millisecond whose local date is `date`: found by bisection, not by offset
 * arithmetic, because a daylight-saving change at midnight (America/Santiago, Asia/Beirut)
 * makes a day start at 01:00 or leaves no single offset to subtract. About 30 formats: under
 * a millisecond, once per query.
 */
function startOfDayIn(date: string, localDate: (millis: number) => string): number {
  const utcMidnight = startOfDate(date);
  let before = utcMidnight - MAX_OFFSET_MS - 1; // local date < `date`
  let after = utcMidnight + MAX_OFFSET_MS; // local date ≥ `date`
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (localDate(middle) < date) before = middle;
    else after = middle;
  }
  return after;
}

/** `YYYY-MM-DD` of an instant on the clocks of `timeZone` (throws a RangeError if unknown). */
function localDateIn(timeZone: string): (millis: number) => string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (millis) => {
    const parts = Object.fromEntries(format.formatToParts(millis).map((part) => [part.type, part.value]));
    return `${parts.year!.padStart(4, '0')}-${parts.month}-${parts.day}`;
  };
}
