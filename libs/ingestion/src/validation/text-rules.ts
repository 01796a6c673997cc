import { IsIn, Length as HasLength, Matches } from 'class-validator';
import { show, showChar, typeName } from './describe-value';
import { rule } from './rule';
import { CALENDAR_DATE } from './calendar-patterns';

// ── Rules on string values: class-validator's built-ins with the contract's messages ──────────
// A built-in also fails on a value of the wrong kind; `toProblems` then reports only the kind
// (IsText), so these messages are written for strings but must not throw on anything else.

const lengthOf = (v: unknown) => (typeof v === 'string' ? String(v.length) : typeName(v));

/** Length in UTF-16 code units, `min`–`max` inclusive. */
export const Length = (min: number, max: number): PropertyDecorator =>
  HasLength(min, max, { message: ({ value }) => `must be ${min}–${max} characters long (got ${lengthOf(value)})` });

/**
 * Only the characters of `allowed`, a character-class body such as `A-Za-z0-9._-` (or `^…` for all
 * but those); the message names the first other one.
 */
export const Chars = (allowed: string, described: string): PropertyDecorator => {
  const forbidden = new RegExp(allowed.startsWith('^') ? `[${allowed.slice(1)}]` : `[^${allowed}]`);
  return Matches(new RegExp(`^[${allowed}]*$`), {
    message: ({ value }) => {
      const text = String(value);
      const at = text.search(forbidden);
      return `may only contain ${described} (found ${showChar(text.charAt(at))} at position ${at + 1})`;
    },
  });
};

export const Pattern = (pattern: RegExp, expected: string): PropertyDecorator =>
  Matches(pattern, { message: ({ value }) => `must be ${expected} (got ${show(value)})` });

/** A real calendar date `YYYY-MM-DD` (2021-02-30 is not one): the pattern itself knows month lengths and leap years. */
export const IsoDate = (): PropertyDecorator => Pattern(new RegExp(`^${CALENDAR_DATE}$`), 'a real calendar date YYYY-MM-DD');

/** Strictly after the date in field `other`; only judged when both are valid dates (no built-in compares two fields). */
export const DateAfter = (other: string): PropertyDecorator =>
  rule(
    'dateAfter',
    (v, object) => {
      const before = object[other];
      if (typeof v !== 'string' || typeof before !== 'string' || !ISO_DATE.test(v) || !ISO_DATE.test(before)) return true;
      return v > before; // YYYY-MM-DD strings sort as dates
    },
    (v, object) => `must be after ${other} ${show(object[other])} (got ${show(v)})`,
    { 'x-after': other, description: `a date after ${other}` },
  );

const ISO_DATE = new RegExp(`^${CALENDAR_DATE}$`);

/** One of a closed vocabulary. */
export const OneOf = (values: readonly string[], noun: string): PropertyDecorator =>
  IsIn([...values], { message: ({ value }) => `must be a known ${noun}, one of: ${values.join(', ')} (got ${show(value)})` });
