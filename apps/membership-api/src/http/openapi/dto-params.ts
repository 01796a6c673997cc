import { HttpStatus, Param, type PipeTransform, Query } from '@nestjs/common';
import { ApiParam, ApiQuery } from '@nestjs/swagger';
import { dtoSchema, type JsonSchema, validateDto } from '@partner-program/ingestion';
import { ValidationTypes } from 'class-validator';
import { httpError } from '../error-body';

// ── A route's path or query parameters as one class-validator DTO ─────────────────────────────
// The same DTO validates the request (400 naming each bad parameter) and documents the
// parameters (types, enums, patterns, bounds) in the OpenAPI document, so they cannot drift.

type DtoClass = new () => object;
type Where = 'query' | 'path';

// class-validator-jsonschema gives Min/Max `type: number`; an integer field keeps `integer`.
const BOUNDS = {
  [ValidationTypes.IS_DEFINED]: {},
  min: (meta: { constraints: unknown[] }) => ({ minimum: meta.constraints[0] }),
  max: (meta: { constraints: unknown[] }) => ({ maximum: meta.constraints[0] }),
} as unknown as Record<string, JsonSchema>;

/** The JSON Schema of a parameter DTO (also used by the document test). */
export function parameterSchema(dto: DtoClass): { properties: Record<string, JsonSchema>; required: string[] } {
  const schema = dtoSchema(dto, BOUNDS);
  return { properties: schema['properties'] as Record<string, JsonSchema>, required: (schema['required'] as string[] | undefined) ?? [] };
}

/**
 * A `+` written into a URL as is arrives decoded as a space (the query string is form-encoded),
 * so `asOf=2026-06-01T00:00:00+02:00` reaches the pipe as `…00:00 02:00`. A space can stand
 * nowhere else in a timestamp: before an `hh:mm` offset it is that `+`, put back.
 */
const OFFSET_PLUS_AS_SPACE = /^(\d{4}-\d{2}-\d{2}T[\d:.]+) (\d{2}:\d{2})$/;

function decoded(value: unknown, integer: boolean): unknown {
  if (typeof value !== 'string') return value;
  if (integer && /^-?[0-9]{1,16}$/.test(value)) return Number(value);
  return value.replace(OFFSET_PLUS_AS_SPACE, '$1+$2');
}

/** Decoded parameters: integer fields from their digits, a timestamp's `+` put back, one value per name. */
class DtoPipe implements PipeTransform {
  private readonly integers: Set<string>;

  constructor(private readonly dto: DtoClass) {
    const { properties } = parameterSchema(dto);
    this.integers = new Set(Object.keys(properties).filter((name) => properties[name]?.['type'] === 'integer'));
  }

  transform(raw: unknown): object {
    const plain: Record<string, unknown> = {};
    const repeated: string[] = [];
    for (const [name, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
      if (Array.isArray(value)) repeated.push(name);
      plain[name] = decoded(value, this.integers.has(name));
    }
    const problems = [
      ...repeated.map((name) => ({ path: name, message: `${name} must be given once` })),
      ...validateDto(this.dto, plain).filter((p) => !repeated.includes(p.path)),
    ];
    if (problems.length > 0) throw httpError(HttpStatus.BAD_REQUEST, problems.map((p) => p.message).join('; '), { details: problems });
    return plain;
  }
}

/** Documents the DTO's fields as parameters `in` the query or path of the decorated method. */
function documented(dto: DtoClass, where: Where): ParameterDecorator {
  return (target, key) => {
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key) as PropertyDescriptor;
    const { properties, required } = parameterSchema(dto);
    for (const [name, schema] of Object.entries(properties)) {
      const { description, ...rest } = schema as JsonSchema & { description?: string };
      const options = { name, required: where === 'path' || required.includes(name), schema: rest, ...(description ? { description } : {}) };
      (where === 'query' ? ApiQuery(options as never) : ApiParam(options as never))(target, key, descriptor);
    }
  };
}

/** The query string, validated by `dto` and documented from it. */
export function ValidQuery(dto: DtoClass): ParameterDecorator {
  return (target, key, index) => {
    Query(new DtoPipe(dto))(target, key, index);
    documented(dto, 'query')(target, key, index);
  };
}

/** The path parameters, validated by `dto` and documented from it. */
export function ValidPath(dto: DtoClass): ParameterDecorator {
  return (target, key, index) => {
    Param(new DtoPipe(dto))(target, key, index);
    documented(dto, 'path')(target, key, index);
  };
}
