import { ValidateBy } from 'class-validator';

// ── The few constraints class-validator has no built-in for, with messages from the value ────
// Messages are fragments ("must be after effectiveFrom …"); `toProblems` prefixes the field path.
// Each such constraint carries the JSON Schema it amounts to (built-ins are converted by
// class-validator-jsonschema), so the OpenAPI document is built from the very rules that validate
// (json-schemas.ts) and the two cannot drift.

/**
 * Constraints about a field's presence or JSON kind, most decisive first. When one of them fails,
 * the field's other constraints (length, charset, range…) are noise and are not reported.
 */
export const KIND_RULES = ['isDefined', 'isString', 'isNumber', 'isObject', 'isArray'] as const;

/** A JSON Schema fragment (OpenAPI 3.0 dialect), merged with the field's other fragments. */
export type JsonSchema = Record<string, unknown>;

type Check = (value: unknown, object: Record<string, unknown>) => boolean;
type Explain = (value: unknown, object: Record<string, unknown>) => string;

/** Every constraint name `rule` has registered (none is a built-in's name). */
export const RULE_NAMES = new Set<string>();

/** A class-validator constraint `name`: passes when `check` holds, else reports `explain`; `schema` documents it. */
export function rule(name: string, check: Check, explain: Explain, schema: JsonSchema): PropertyDecorator {
  RULE_NAMES.add(name);
  return ValidateBy({
    name,
    constraints: [schema],
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
