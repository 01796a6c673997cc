// ── Real calendar dates and times as regular expressions, for the OpenAPI document ────────────
// The validators judge dates by arithmetic (isIsoDate, readTimestamp); these patterns accept the
// same texts, so a client generating from the document (or a fuzzer) gets only real dates:
// years 0100–9999 (Date.UTC reads years below 100 as 19xx, so they are refused), month lengths,
// and 29 February of leap years only.

const YEAR = '(?:0[1-9]|[1-9][0-9])[0-9]{2}';
const LEAP_YEAR = '(?:(?:0[1-9]|[1-9][0-9])(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)';
const MONTH_DAY = '(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)';

/** `YYYY-MM-DD` of a real date. */
export const CALENDAR_DATE = `(?:${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)`;

const HOURS_MINUTES = '(?:[01][0-9]|2[0-3]):[0-5][0-9]';
const SECONDS = ':[0-5][0-9](?:\\.[0-9]{1,9})?';
const OFFSET = `(?:Z|[+-]${HOURS_MINUTES})`;

/** `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)` of a real time. */
export const CALENDAR_TIMESTAMP = `${CALENDAR_DATE}T${HOURS_MINUTES}${SECONDS}${OFFSET}`;

/** A date (its start, UTC) or a time with an offset, seconds optional: the query parameters' points in time. */
export const POINT_IN_TIME = `${CALENDAR_DATE}(?:T${HOURS_MINUTES}(?:${SECONDS})?${OFFSET})?`;
