import { rule } from './rule';

// ── Rules on number values (each passes non-numbers: their kind is reported by IsFiniteNumber) ─

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

const judged = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const Positive = (): PropertyDecorator =>
  rule('positive', (v) => !judged(v) || v > 0, (v) => `must be greater than 0 (got ${String(v)})`, { minimum: 0, exclusiveMinimum: true });

export const AtMost = (max: number): PropertyDecorator =>
  rule('atMost', (v) => !judged(v) || v <= max, (v) => `must be at most ${max} (got ${String(v)})`, { maximum: max });

export const Between = (min: number, max: number): PropertyDecorator =>
  rule(
    'between',
    (v) => !judged(v) || (v >= min && v <= max),
    (v) => `must be between ${min} and ${max} inclusive (got ${String(v)})`,
    { minimum: min, maximum: max },
  );

export const MaxDecimals = (places: number): PropertyDecorator =>
  rule(
    'decimals',
    (v) => !judged(v) || decimalPlaces(v) <= places,
    (v) => `must have at most ${places} decimal places (got ${String(v)})`,
    { multipleOf: 10 ** -places },
  );
