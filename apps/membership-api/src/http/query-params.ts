import { HttpStatus } from '@nestjs/common';
import { AREAS, TIERS, isOneOf, toMillis } from '@partner-program/domain';
import { httpError } from './error-body';

// Parsing of path and query parameters, with the contract's rules and specific 400s.

const PARTNER_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function partnerIdParam(value: string): string {
  if (!PARTNER_ID.test(value)) throw httpError(HttpStatus.BAD_REQUEST, 'partnerId must be 1–64 characters of A-Z a-z 0-9 . _ -');
  return value;
}

export function limitParam(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw httpError(HttpStatus.BAD_REQUEST, `limit must be an integer from 1 to ${max}`);
  return limit;
}

export function nonNegativeIntegerParam(name: string, value: string | undefined, fallback = 0): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value)) throw httpError(HttpStatus.BAD_REQUEST, `${name} must be a non-negative integer`);
  return Number(value);
}

/** A date (`YYYY-MM-DD`, its start) or an ISO timestamp with offset. */
export function timeParam(name: string, value: string): number {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  try {
    if (valid) return toMillis(value);
  } catch {
    // falls through to the error below
  }
  throw httpError(HttpStatus.BAD_REQUEST, `${name} must be a date (YYYY-MM-DD) or an ISO-8601 timestamp with offset`);
}

export function areaParam(value: string | undefined, required: boolean): (typeof AREAS)[number] | undefined {
  if (value === undefined && !required) return undefined;
  if (!isOneOf(AREAS, value)) throw httpError(HttpStatus.BAD_REQUEST, `area must be one of ${AREAS.join(', ')}`);
  return value;
}

export function tierParam(value: string | undefined): (typeof TIERS)[number] | 'none' | undefined {
  if (value === undefined) return undefined;
  if (value !== 'none' && !isOneOf(TIERS, value)) throw httpError(HttpStatus.BAD_REQUEST, `tier must be one of ${TIERS.join(', ')} or none`);
  return value;
}
