import { addDays, isIsoDate, startOfDate } from '@partner-program/domain';

// ── "On D" as an auditor reads it: the end of day D in a time zone ─────────────────────────────
// A date names the whole day, so a fact from any hour of D counts: its last millisecond, where D
// ends in `timeZone` (UTC by default). A timestamp carries its own offset and is taken as written.
// (The known-at routes need the same reading; kept to this one function until they share it.)

/** Epoch ms of `text` (a `YYYY-MM-DD` date or an ISO-8601 timestamp with offset, validated before). */
export function businessInstant(text: string, timeZone = 'UTC'): number {
  if (!isIsoDate(text)) return Date.parse(text);
  const nextMidnight = startOfDate(addDays(text, 1));
  // The zone's offset at that wall-clock midnight, read back once more in case it falls across a DST change.
  let instant = nextMidnight - offsetAt(nextMidnight, timeZone);
  instant = nextMidnight - offsetAt(instant, timeZone);
  return instant - 1;
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wallClock = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallClock - (instant - (instant % 1000));
}
