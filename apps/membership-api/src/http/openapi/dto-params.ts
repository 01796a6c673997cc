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

/** Decoded parameters: integer fields from their digits, one value per name. */
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
      plain[name] = this.integers.has(name) && typeof value === 'string' && /^-?[0-9]{1,16}$/.test(value) ? Number(value) : value;
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
