import { AREAS, isIsoDate } from '@partner-program/domain';
import fc from 'fast-check';
import { CALENDAR_DATE, CALENDAR_TIMESTAMP } from './calendar-patterns';
import { DATA_DTOS } from './data-dto-catalog';
import { OpenIdRules } from './field-kinds';
import { dtoSchema, envelopeSchemas } from './json-schemas';
import { OptionalText, RequiredText } from './kind-rules';
import { readTimestamp } from './timestamp';

// ── The JSON Schemas come from the DTOs' own rules ─────────────────────────────────────────────

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((d) => d.join(''));
const dateLike = fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`);
const nearDate = fc.date({ min: new Date('0090-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('dtoSchema', () => {
  it('lists a field added to a DTO, with its rules, and marks only required fields required', () => {
    class ProbeDto {
      @RequiredText(OpenIdRules(12)) probeId!: string;
      @OptionalText(OpenIdRules()) note?: string;
    }
    expect(dtoSchema(ProbeDto)).toEqual({
      type: 'object',
      additionalProperties: false,
      required: ['probeId'],
      properties: {
        probeId: { type: 'string', minLength: 1, maxLength: 12, pattern: '^[A-Za-z0-9._:@#-]*$' },
        note: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@#-]*$' },
      },
    });
  });

  it('turns the number, vocabulary and set rules into their JSON Schema keywords', () => {
    const credits = dtoSchema(DATA_DTOS.CreditsBooked)['properties'] as Record<string, Record<string, unknown>>;
    expect(credits['credits']).toEqual({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1e12, multipleOf: 0.01 });
    expect(credits['accelerator']).toEqual({ $ref: '#/components/schemas/AcceleratorData' });
    expect(credits['area']).toEqual({ type: 'string', enum: [...AREAS] });
    const models = (dtoSchema(DATA_DTOS.BusinessModelsChanged)['properties'] as Record<string, unknown>)['businessModels'];
    expect(models).toEqual({
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: ['solution-provider', 'cloud-services', 'subscription-software'] },
    });
  });
});

describe('envelopeSchemas', () => {
  const schemas = envelopeSchemas();

  it('has one envelope per upstream type, with that type fixed and its data DTO', () => {
    for (const [type, dto] of Object.entries(DATA_DTOS)) {
      const envelope = schemas[`${type}Envelope`] as { properties: Record<string, unknown>; additionalProperties: boolean; required: string[] };
      expect(envelope.properties['type']).toEqual({ type: 'string', enum: [type] });
      expect(envelope.properties['data']).toEqual({ $ref: `#/components/schemas/${dto.name}` });
      expect(envelope.additionalProperties).toBe(false);
      expect(envelope.required).toEqual(['messageId', 'type', 'partnerId', 'occurredAt', 'source', 'data']);
      expect(schemas[dto.name]).toBeDefined();
    }
  });

  it('offers them as one of, told apart by type', () => {
    const union = schemas['UpstreamEnvelope'] as { oneOf: unknown[]; discriminator: { propertyName: string; mapping: Record<string, string> } };
    expect(union.oneOf).toHaveLength(Object.keys(DATA_DTOS).length);
    expect(union.discriminator.propertyName).toBe('type');
    expect(union.discriminator.mapping['CreditsBooked']).toBe('#/components/schemas/CreditsBookedEnvelope');
  });
});

describe('calendar patterns', () => {
  const date = new RegExp(`^${CALENDAR_DATE}$`);
  const timestamp = new RegExp(`^${CALENDAR_TIMESTAMP}$`);

  it('accept exactly the dates isIsoDate accepts', () => {
    fc.assert(
      fc.property(fc.oneof(dateLike, nearDate), (text) => expect(date.test(text)).toBe(isIsoDate(text))),
      { numRuns: 20_000 },
    );
    for (const text of ['2024-02-29', '2000-02-29', '1900-02-29', '2023-02-29', '0100-01-01', '0099-12-31', '2021-04-31']) {
      expect([text, date.test(text)]).toEqual([text, isIsoDate(text)]);
    }
  });

  it('accept exactly the timestamps readTimestamp accepts', () => {
    const time = fc.tuple(
      digits(2),
      digits(2),
      digits(2),
      fc.constantFrom('', '.5', '.123456789', '.1234567890'),
      fc.constantFrom('Z', '+05:30', '-23:59', '+24:00', '+05:60', '', 'z'),
    );
    const text = fc.tuple(fc.oneof(dateLike, nearDate), time).map(([d, [hh, mm, ss, fraction, offset]]) => `${d}T${hh}:${mm}:${ss}${fraction}${offset}`);
    fc.assert(
      fc.property(text, (t) => expect(timestamp.test(t)).toBe(readTimestamp(t).ok)),
      { numRuns: 20_000 },
    );
  });
});
