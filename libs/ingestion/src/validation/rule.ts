import { ValidateBy } from 'class-validator';

// ── Named constraints with messages computed from the offending value ─────────────────────────
// Messages are fragments ("must be a string (got number)"); `toProblems` prefixes the field path.

/**
 * Constraints about a field's presence or JSON kind, most decisive first. When one of them fails,
 * the field's other constraints (length, charset, range…) are noise and are not reported.
 */
export const KIND_RULES = ['isDefined', 'isString', 'isNumber', 'isObject', 'isArray'] as const;

type Check = (value: unknown, object: Record<string, unknown>) => boolean;
type Explain = (value: unknown, object: Record<string, unknown>) => string;

/** A class-validator constraint `name`: passes when `check` holds, else reports `explain`. */
export function rule(name: string, check: Check, explain: Explain): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args) => check(value, (args?.object ?? {}) as Record<string, unknown>),
      defaultMessage: (args) => explain(args?.value, (args?.object ?? {}) as Record<string, unknown>),
    },
  });
}

/** Several property decorators as one. */
export function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}
