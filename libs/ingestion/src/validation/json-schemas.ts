import { UPSTREAM_EVENT_TYPES } from '@partner-program/domain';
import { IS_POSITIVE, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { AcceleratorData } from './credits.dtos';
import { DATA_DTOS } from './data-dto-catalog';
import { nestedDtoOf } from './dto-instance';
import { EnvelopeDto } from './envelope.dto';
import { RULE_NAMES, type JsonSchema } from './rule';

// ── JSON Schemas of the DTOs, read from class-validator's own metadata ─────────────────────────
// class-validator-jsonschema converts built-in decorators; the project's few own rules (rule.ts)
// carry their schema as their constraint argument. So the OpenAPI document shows exactly the rules
// that validate: a field added to a DTO, or a rule changed, changes the document too.

export const SCHEMA_REF_PREFIX = '#/components/schemas/';

/** A reference to `name` in the document's `components.schemas`. */
export const schemaRef = (name: string): JsonSchema => ({ $ref: `${SCHEMA_REF_PREFIX}${name}` });

type DtoClass = abstract new () => object;

/** The JSON Schema of a class-validator DTO: its fields, required ones, and no other field. */
export function dtoSchema(dto: DtoClass, extraConverters: Record<string, JsonSchema> = {}): JsonSchema {
  const converters: Record<string, JsonSchema | ((meta: ValidationMetadata) => JsonSchema)> = {
    // OpenAPI 3.0's form; the library writes JSON Schema 2019's `exclusiveMinimum: 0`.
    [IS_POSITIVE]: { type: 'number', minimum: 0, exclusiveMinimum: true },
  };
  for (const name of RULE_NAMES) converters[name] = (meta) => meta.constraints?.[0] as JsonSchema;
  // A NestedDto field names its class itself (no reliance on emitted design:type metadata).
  converters[ValidationTypes.NESTED_VALIDATION] = (meta) => {
    const nested = nestedDtoOf(meta.target as DtoClass, meta.propertyName);
    return nested ? schemaRef(nested.name) : { type: 'object' };
  };
  const schema = targetConstructorToSchema(dto, {
    refPointerPrefix: SCHEMA_REF_PREFIX,
    // Presence is `required`, and a typed field already excludes null (OpenAPI 3.0: no `nullable`).
    additionalConverters: { ...converters, [ValidationTypes.IS_DEFINED]: {}, ...extraConverters },
  }) as JsonSchema;
  const properties = schema['properties'] as Record<string, JsonSchema>;
  for (const [key, property] of Object.entries(properties)) properties[key] = withoutRefSiblings(property);
  // Validation runs with forbidNonWhitelisted: an unknown field is invalid.
  return { ...schema, additionalProperties: false };
}

/** OpenAPI 3.0 ignores keywords beside `$ref`; the referenced schema already says it all. */
function withoutRefSiblings(schema: JsonSchema): JsonSchema {
  return typeof schema['$ref'] === 'string' ? { $ref: schema['$ref'] } : schema;
}

/**
 * `components.schemas` for upstream messages: each type's `data` DTO, one envelope per type
 * (`type` fixed, `data` that type's DTO) and `UpstreamEnvelope`, one of them by `type`.
 */
export function envelopeSchemas(): Record<string, JsonSchema> {
  const schemas: Record<string, JsonSchema> = { [AcceleratorData.name]: dtoSchema(AcceleratorData) };
  const envelope = dtoSchema(EnvelopeDto);
  const mapping: Record<string, string> = {};
  for (const type of UPSTREAM_EVENT_TYPES) {
    const data = DATA_DTOS[type];
    schemas[data.name] = dtoSchema(data);
    const name = `${type}Envelope`;
    const properties = { ...(envelope['properties'] as Record<string, JsonSchema>), type: { type: 'string', enum: [type] }, data: schemaRef(data.name) };
    schemas[name] = { ...envelope, properties };
    mapping[type] = `${SCHEMA_REF_PREFIX}${name}`;
  }
  schemas['UpstreamEnvelope'] = {
    description: 'One upstream fact (docs/contract.md §1); `type` says which `data` it carries.',
    oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
    discriminator: { propertyName: 'type', mapping },
  };
  return schemas;
}
