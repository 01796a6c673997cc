import { isIsoDate } from '@partner-program/domain';
import { show, showChar } from './describe-value';
import { rule } from './rule';
import { CALENDAR_DATE } from './calendar-patterns';

// ── Rules on string values (each passes non-strings: their kind is reported by IsText) ────────

/** Length in UTF-16 code units, `min`–`max` inclusive. */
export const Length = (min: number, max: number): PropertyDecorator =>
  rule(
    'length',
    (v) => typeof v !== 'string' || (v.length >= min && v.length <= max),
    (v) => `must be ${min}–${max} characters long (got ${(v as string).length})`,
    { minLength: min, maxLength: max },
  );

/** No character matching `forbidden` (a single-character class, without the g flag). */
export const Chars = (forbidden: RegExp, allowed: string): PropertyDecorator =>
  rule(
    'charset',
    (v) => typeof v !== 'string' || !forbidden.test(v),
    (v) => {
      const text = v as string;
      const at = text.search(forbidden);
      return `may only contain ${allowed} (found ${showChar(text.charAt(at))} at position ${at + 1})`;
    },
    { pattern: `^${complement(forbidden)}*$` },
  );

/** `[^…]` ↔ `[…]`: the class of allowed characters from the class of forbidden ones. */
function complement(forbidden: RegExp): string {
  const source = forbidden.source;
  if (!/^\[.*\]$/.test(source)) throw new Error(`Chars needs a single character class, got /${source}/`);
  return source.startsWith('[^') ? `[${source.slice(2)}` : `[^${source.slice(1)}`;
}

export const Pattern = (pattern: RegExp, expected: string): PropertyDecorator =>
  rule('pattern', (v) => typeof v !== 'string' || pattern.test(v), (v) => `must be ${expected} (got ${show(v)})`, {
    pattern: pattern.source,
  });

/** A real calendar date `YYYY-MM-DD` (2021-02-30 is not one). */
export const IsoDate = (): PropertyDecorator =>
  rule(
    'isoDate',
    (v) => typeof v !== 'string' || isIsoDate(v),
    (v) => `must be a real calendar date YYYY-MM-DD (got ${show(v)})`,
    { pattern: `^${CALENDAR_DATE}$` },
  );

/** Strictly after the date in field `other`; only judged when both are valid dates. */
export const DateAfter = (other: string): PropertyDecorator =>
  rule(
    'dateAfter',
    (v, object) => {
      const before = object[other];
      if (typeof v !== 'string' || typeof before !== 'string' || !isIsoDate(v) || !isIsoDate(before)) return true;
      return v > before; // YYYY-MM-DD strings sort as dates
    },
    (v, object) => `must be after ${other} ${show(object[other])} (got ${show(v)})`,
    { 'x-after': other, description: `a date after ${other}` },
  );

/** One of a closed vocabulary. */
export const OneOf = (values: readonly string[], noun: string): PropertyDecorator =>
  rule(
    'oneOf',
    (v) => typeof v !== 'string' || values.includes(v),
    (v) => `must be a known ${noun}, one of: ${values.join(', ')} (got ${show(v)})`,
    { enum: [...values] },
  );
