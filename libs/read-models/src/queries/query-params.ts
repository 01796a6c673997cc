import { AREAS, FORECAST_DIRECTIONS, TIERS, isIsoDate } from '@partner-program/domain';
import { isIn, isInt, max, min } from 'class-validator';

// ── Checking query parameters and cursors ─────────────────────────────────────────────────────
// With class-validator's checks, as the HTTP layer's parameter DTOs, which apply the same rules
// first; these guard every other caller of the queries.

/** A query parameter (area, tier, status, date, cursor, limit) is not valid; the API answers 400. */
export class InvalidQueryError extends Error {
  override readonly name = 'InvalidQueryError';
}

/** Page sizes are capped so one request cannot read a whole table. */
export const MAX_PAGE_SIZE = 1000;

/** The `status` filter values of renewal notices. */
export const NOTICE_STATUSES = ['pending', 'issued', 'acknowledged', 'cancelled'] as const;

/** `tier` filter: a tier, or `'none'` for partners with no tier in the area (`tier: null`). */
export type TierFilter = (typeof TIERS)[number] | 'none';

export function checkLimit(limit: number): number {
  if (!isInt(limit) || !min(limit, 1) || !max(limit, MAX_PAGE_SIZE)) {
    throw new InvalidQueryError(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return limit;
}

export function checkArea(area: string): string {
  if (!isIn(area, AREAS)) throw new InvalidQueryError(`unknown area "${area}"`);
  return area;
}

/** The stored value of a tier filter: `null` for `'none'`. */
export function checkTier(tier: string): string | null {
  if (tier === 'none') return null;
  if (!isIn(tier, TIERS)) throw new InvalidQueryError(`unknown tier "${tier}" (use partner, advanced, principal or none)`);
  return tier;
}

export function checkNoticeStatus(status: string): string {
  if (!isIn(status, NOTICE_STATUSES)) throw new InvalidQueryError(`unknown notice status "${status}"`);
  return status;
}

export function checkDirection(direction: string): string {
  if (!isIn(direction, FORECAST_DIRECTIONS)) throw new InvalidQueryError(`unknown direction "${direction}" (use ${FORECAST_DIRECTIONS.join(' or ')})`);
  return direction;
}

export function checkDate(name: string, date: string): string {
  if (!isIsoDate(date)) throw new InvalidQueryError(`${name} must be a YYYY-MM-DD date`);
  return date;
}

/** Opaque cursor: the sort key of the last item of the page, base64url-encoded JSON. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, parts: number): string[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== parts || !key.every((part) => typeof part === 'string')) {
    throw new InvalidQueryError('cursor is not valid: pass the nextCursor of the previous page as it was returned');
  }
  return key;
}
