import { ValidateNested } from 'class-validator';
import { isPlainObject } from './plain-json';

// ── Received JSON as instances of the DTO classes, for class-validator ────────────────────────
// class-validator finds a class's rules through the object's constructor, so the safe copy of the
// message (plain-json.ts: no reserved keys, bounded depth) is given the DTO's prototype, and so are
// nested objects declared with `NestedDto`. This replaces class-transformer's plainToInstance,
// which cost a fifth of validation time walking metadata for what is a copy of own fields here.

type DtoClass = abstract new () => object;

/** Nested DTO fields, per DTO prototype: field name → the class of its value. */
const NESTED = new WeakMap<object, Map<string, () => DtoClass>>();

/** The field holds an object validated by the rules of `type` (class-validator's ValidateNested). */
export function NestedDto(type: () => DtoClass): PropertyDecorator {
  return (target, key) => {
    const fields = NESTED.get(target) ?? new Map<string, () => DtoClass>();
    fields.set(String(key), type);
    NESTED.set(target, fields);
    ValidateNested()(target, key);
  };
}

/** The class a `NestedDto` field holds, if `key` of `dto` is one. */
export function nestedDtoOf(dto: DtoClass, key: string): DtoClass | undefined {
  return NESTED.get(dto.prototype as object)?.get(key)?.();
}

/** A `type` instance holding `plain`'s own fields; nested DTO fields that are objects become instances too. */
export function dtoInstance<T extends object>(type: abstract new () => T, plain: Record<string, unknown>): T {
  const prototype = type.prototype as T;
  const instance: T & Record<string, unknown> = Object.assign(Object.create(prototype) as T, plain);
  const nested = NESTED.get(prototype);
  if (!nested) return instance;
  for (const [key, typeOf] of nested) {
    const value = instance[key];
    if (isPlainObject(value)) (instance as Record<string, unknown>)[key] = dtoInstance(typeOf(), value);
  }
  return instance;
}
