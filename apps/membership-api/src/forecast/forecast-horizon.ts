import { HttpStatus } from '@nestjs/common';
import { DAY_MS, FORECAST_DEFAULT_DAYS, FORECAST_MAX_DAYS, resolveInstant, toIsoTime } from '@partner-program/domain';
import { httpError } from '../http/error-body';

// ── How far a forecast looks ahead: `until` as asked, checked against now ────────────────────

/**
 * The forecast's end in epoch ms: a date means through the end of that UTC day, a timestamp
 * itself, none {@link FORECAST_DEFAULT_DAYS} ahead. 400 unless it is after now and at most
 * {@link FORECAST_MAX_DAYS} ahead.
 */
export function forecastUntil(until: string | undefined, now: number): number {
  if (until === undefined) return now + FORECAST_DEFAULT_DAYS * DAY_MS;
  const end = resolveInstant(until, 'UTC', 'end-of-day');
  if (end <= now) throw badUntil(`until must be after now (${toIsoTime(now)})`);
  const latest = now + FORECAST_MAX_DAYS * DAY_MS;
  if (end > latest) throw badUntil(`until must be at most ${FORECAST_MAX_DAYS} days ahead (by ${toIsoTime(latest)})`);
  return end;
}

function badUntil(message: string) {
  return httpError(HttpStatus.BAD_REQUEST, message, { details: [{ path: 'until', message }] });
}
