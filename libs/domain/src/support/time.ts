// ── Business time ──────────────────────────────────────────────────────────────────────────────
// Times are epoch milliseconds inside the domain; the wire uses ISO strings and `YYYY-MM-DD` dates.
// A date names a whole UTC day: something that `expiresOn` a date still holds during that day.

export const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of an ISO timestamp or date; throws on text that is not one (callers validate first). */
export function toMillis(isoTimestampOrDate: string): number {
  const millis = DATE_PATTERN.test(isoTimestampOrDate) ? startOfDate(isoTimestampOrDate) : Date.parse(isoTimestampOrDate);
  if (Number.isNaN(millis)) throw new RangeError(`not an ISO-8601 time: ${isoTimestampOrDate}`);
  return millis;
}

/** Start (00:00Z) of a `YYYY-MM-DD` date. */
export function startOfDate(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Checked by arithmetic, not by formatting the result back (this runs for every date of every
  // fact folded). Years before 100 are refused: Date.UTC would read them as 1900 + year.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(year, month - 1, day);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** First instant after a `YYYY-MM-DD` date: where "valid until that date" stops holding. */
export function endOfDate(date: string): number {
  return startOfDate(date) + DAY_MS;
}

export function toIsoDate(millis: number): string {
  return new Date(millis).toISOString().slice(0, 10);
}

export function toIsoTime(millis: number): string {
  return new Date(millis).toISOString();
}

export function addDays(date: string, days: number): string {
  return toIsoDate(startOfDate(date) + days * DAY_MS);
}

export function isIsoDate(value: string): boolean {
  try {
    startOfDate(value);
    return true;
  } catch {
    return false;
  }
}
