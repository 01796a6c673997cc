import { typeName } from './describe-value';
import { childPath, problem, type Problem } from './problems';

// ── A safe copy of the received JSON before it becomes a DTO instance ────────────────────────────
// Keys such as `__proto__`, `constructor` or any name of an inherited method (`toString`,
// `hasOwnProperty`, …) would be skipped or shadowed on an instance, so whitelisting would never
// report them: they are reported here instead and left out of the copy (no prototype can be set
// through it).
// Containers nested deeper than any field of the contract are emptied, so hostile nesting cannot
// exhaust the stack; their kind (object/array) is kept for the type problem.

/** `__proto__`, `constructor`, `toString`, … : names no field of the contract uses. */
const isReserved = (key: string): boolean => key in Object.prototype;
/** Envelope 0, data 1, accelerator and businessModels 2, their values 3. */
const MAX_DEPTH = 3;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A copy made only of plain objects, arrays and primitives; what it had to leave out is reported. */
export function copyJson(value: unknown, path: string, problems: Problem[], depth = 0): unknown {
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH) return [];
    return value.map((item, i) => copyJson(item, childPath(path, String(i)), problems, depth + 1));
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    if (depth >= MAX_DEPTH) return copy;
    for (const key of Object.keys(value)) {
      const at = childPath(path, key);
      if (isReserved(key)) problems.push(problem(at, 'is a reserved name and never a field'));
      else copy[key] = copyJson(value[key], at, problems, depth + 1);
    }
    return copy;
  }
  if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
    const kind = typeof value === 'function' ? 'function' : (value.constructor?.name ?? typeName(value));
    problems.push(problem(path, `must be plain JSON data (got ${kind})`));
    return null;
  }
  return value;
}
