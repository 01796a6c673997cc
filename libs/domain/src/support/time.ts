// ── Business time ──────────────────────────────────────────────────────────────────────────────
// Times are epoch milliseconds inside the domain; the wire uses ISO strings and `YYYY-MM-DD` dates.
// A date names a whole UTC day: something that `expiresOn` a date still holds during that day.

export const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of an ISO timestamp or date; throws on text that is not one (callers validate first). */
export function toMillis(isoTimestampOrDate: string): number {
  const millis = DATE_PATTERN.test(isoTimestampOrDate)
    ? startOfDate(isoTimestampOrDate)
    : Date.parse(isoTimestampOrDate);
  if (Number.isNaN(millis)) throw new RangeError(`not an ISO-8601 time: ${isoTimestampOrDate}`);
  return millis;
}

/** Start (00:00Z) of a `YYYY-MM-DD` date. */
export function startOfDate(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [, year, month, day] = match;
  const millis = Date.UTC(Number(year), Number(month) - 1, Number(day));
  if (toIsoDate(millis) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return millis;
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
