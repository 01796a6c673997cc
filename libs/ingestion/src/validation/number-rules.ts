import { IsPositive, Max, Min } from 'class-validator';
import { all, rule } from './rule';

// ── Rules on number values: class-validator's built-ins with the contract's messages ──────────
// A built-in also fails on a non-number; `toProblems` then reports only the kind (IsFiniteNumber).

/**
 * Decimal places of a number's shortest round-trip text, which is the text it was parsed from:
 * exact where `x * 100` float tests need a tolerance (0.29 * 100 = 28.999999999999996) and
 * correct for exponent forms (1e-7 has 7 places).
 */
export function decimalPlaces(value: number): number {
  const [mantissa = '', exponent = '0'] = String(value).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

export const Positive = (): PropertyDecorator => IsPositive({ message: ({ value }) => `must be greater than 0 (got ${String(value)})` });

export const AtMost = (max: number): PropertyDecorator => Max(max, { message: ({ value }) => `must be at most ${max} (got ${String(value)})` });

export const Between = (min: number, max: number): PropertyDecorator => {
  const message = ({ value }: { value: unknown }) => `must be between ${min} and ${max} inclusive (got ${String(value)})`;
  return all(Min(min, { message }), Max(max, { message }));
};

/**
 * Not class-validator's `IsNumber({ maxDecimalPlaces })`: it counts the digits after the point of
 * `toString()`, so it throws on 1e-7 (no point) and miscounts 1.5e-7 as 4 places.
 */
export const MaxDecimals = (places: number): PropertyDecorator =>
  rule(
    'decimals',
    (v) => typeof v !== 'number' || !Number.isFinite(v) || decimalPlaces(v) <= places,
    (v) => `must have at most ${places} decimal places (got ${String(v)})`,
    { multipleOf: 10 ** -places },
  );
