import { isIsoDate } from '@partner-program/domain';
import { show } from './describe-value';
import { CALENDAR_TIMESTAMP } from './calendar-patterns';
import { Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { all } from './rule';

// ── ISO-8601 timestamps with an offset (occurredAt) ────────────────────────────────────────────
// Parsed by hand rather than with Date.parse, which accepts timestamps without an offset (read as
// local time) and rolls impossible dates over (2021-02-30 becomes March 2nd).

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})?$/;
const EXAMPLE = '2020-02-14T10:00:00Z';

export type TimestampReading = { ok: true; millis: number } | { ok: false; reason: string };

/** Epoch ms of `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, or why the text is not one. */
export function readTimestamp(text: string): TimestampReading {
  const match = TIMESTAMP.exec(text);
  if (!match) return { ok: false, reason: `must be an ISO-8601 timestamp such as ${EXAMPLE} (got ${show(text)})` };
  const [, date = '', hh = '', mm = '', ss = '', fraction = '', offset] = match;
  if (offset === undefined) {
    return { ok: false, reason: `must include a UTC offset, Z or ±hh:mm (got ${show(text)})` };
  }
  const offsetMinutes = readOffset(offset);
  if (!isIsoDate(date) || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59 || offsetMinutes === undefined) {
    return { ok: false, reason: `must be a real calendar time (got ${show(text)})` };
  }
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wallClock = Date.UTC(year, month - 1, day, Number(hh), Number(mm), Number(ss));
  return { ok: true, millis: wallClock + Number(`0.${fraction || '0'}`) * 1000 - offsetMinutes * 60_000 };
}

/** `Z` → 0, `+05:30` → 330, `-01:00` → -60; undefined for an impossible offset. */
function readOffset(offset: string): number | undefined {
  if (offset === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 23 || minutes > 59) return undefined;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** The pattern accepts exactly the texts readTimestamp reads; readTimestamp says what is wrong with the others. */
export const IsoTimestamp = (): PropertyDecorator =>
  all(
    Matches(new RegExp(`^${CALENDAR_TIMESTAMP}$`), {
      message: ({ value }) => {
        const reading = readTimestamp(String(value));
        return reading.ok ? 'must be an ISO-8601 timestamp' : reading.reason;
      },
    }),
    JSONSchema({ description: 'with a UTC offset; at most 5 minutes in the future' }) as PropertyDecorator,
  );
