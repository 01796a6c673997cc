import { getMetadataStorage, type ValidationError } from 'class-validator';
import { show } from './describe-value';
import { KIND_RULES } from './rule';

// ── class-validator's error tree → flat problems with dotted paths ────────────────────────────

/** One broken rule: `path` like `messageId`, `data.credits`, `data.accelerator.multiplier`, `''` for the body. */
export type Problem = { path: string; message: string };

export function childPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/** A problem whose message names its field: `data.credits must be a number (got string)`. */
export function problem(path: string, fragment: string): Problem {
  return { path, message: path === '' ? fragment : `${showPath(path)} ${fragment}` };
}

/** Paths built from unknown keys are shown quoted and cut short (no control characters in logs). */
function showPath(path: string): string {
  return /^[A-Za-z0-9_.$-]{1,100}$/.test(path) ? path : show(path);
}

/** Every broken rule in `errors`, under `parent` (`''` for the envelope, `data` for its data). */
export function toProblems(errors: readonly ValidationError[], parent: string): Problem[] {
  return errors.flatMap((error) => problemsOf(error, childPath(parent, error.property)));
}

function problemsOf(error: ValidationError, path: string): Problem[] {
  const constraints = error.constraints ?? {};
  const kind = KIND_RULES.find((name) => constraints[name] !== undefined);
  if (kind) return [problem(path, constraints[kind] ?? '')];
  const own = Object.entries(constraints)
    .filter(([name]) => name !== 'nestedValidation')
    .map(([name, message]) => problem(path, name === 'whitelistValidation' ? notAField(error.target) : message));
  return [...own, ...toProblems(error.children ?? [], path)];
}

function notAField(target: object | undefined): string {
  const fields = target ? allowedFields(target.constructor) : [];
  return `is not an allowed field (allowed: ${fields.join(', ')})`;
}

/** The decorated properties of a DTO class, in declaration order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by `Function` (an object's constructor)
function allowedFields(dto: Function): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}
