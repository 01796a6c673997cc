import { IsDefined, ValidateIf } from 'class-validator';
import { typeName } from './describe-value';
import { all, rule } from './rule';

// ── Presence and JSON kind of a field ─────────────────────────────────────────────────────────

/** The field must be present (and not null). */
export const Required = (): PropertyDecorator =>
  IsDefined({ message: (args) => (args.value === null ? 'must not be null' : 'is required') });

/** The field may be absent; when present (null included) its other rules apply. */
export const Optional = (): PropertyDecorator => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

export const IsText = (): PropertyDecorator =>
  rule('isString', (v) => typeof v === 'string', (v) => `must be a string (got ${typeName(v)})`, { type: 'string' });

export const IsFiniteNumber = (): PropertyDecorator =>
  rule(
    'isNumber',
    (v) => typeof v === 'number' && Number.isFinite(v),
    (v) => (typeof v === 'number' ? `must be a finite number (got ${v})` : `must be a number (got ${typeName(v)})`),
    { type: 'number' },
  );

/** A JSON object (after the safe copy, objects are plain copies or nested DTO instances). */
export const IsJsonObject = (): PropertyDecorator =>
  rule(
    'isObject',
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    (v) => `must be an object (got ${typeName(v)})`,
    { type: 'object' },
  );

export const IsList = (): PropertyDecorator =>
  rule('isArray', (v) => Array.isArray(v), (v) => `must be an array (got ${typeName(v)})`, { type: 'array' });

/** A required string field with further rules. */
export const RequiredText = (...rules: PropertyDecorator[]): PropertyDecorator => all(Required(), IsText(), ...rules);

/** An optional string field with further rules. */
export const OptionalText = (...rules: PropertyDecorator[]): PropertyDecorator => all(Optional(), IsText(), ...rules);
