import { IsArray, IsDefined, IsNumber, IsObject, IsString, ValidateIf } from 'class-validator';
import { typeName } from './describe-value';
import { all } from './rule';

// ── Presence and JSON kind of a field (class-validator's built-ins; KIND_RULES in rule.ts) ─────

/** The field must be present (and not null). */
export const Required = (): PropertyDecorator => IsDefined({ message: (args) => (args.value === null ? 'must not be null' : 'is required') });

/** The field may be absent; when present (null included) its other rules apply. */
export const Optional = (): PropertyDecorator => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

export const IsText = (): PropertyDecorator => IsString({ message: ({ value }) => `must be a string (got ${typeName(value)})` });

export const IsFiniteNumber = (): PropertyDecorator =>
  IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: ({ value }) => (typeof value === 'number' ? `must be a finite number (got ${value})` : `must be a number (got ${typeName(value)})`) },
  );

/** A JSON object (after the safe copy, objects are plain copies or nested DTO instances). */
export const IsJsonObject = (): PropertyDecorator => IsObject({ message: ({ value }) => `must be an object (got ${typeName(value)})` });

export const IsList = (): PropertyDecorator => IsArray({ message: ({ value }) => `must be an array (got ${typeName(value)})` });

/** A required string field with further rules. */
export const RequiredText = (...rules: PropertyDecorator[]): PropertyDecorator => all(Required(), IsText(), ...rules);

/** An optional string field with further rules. */
export const OptionalText = (...rules: PropertyDecorator[]): PropertyDecorator => all(Optional(), IsText(), ...rules);
