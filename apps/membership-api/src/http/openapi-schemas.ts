import { AREAS, TIERS, UPSTREAM_EVENT_TYPES } from '@partner-program/domain';

// OpenAPI schemas of the contract's shapes (CONTRACT §1–§2), for /docs and /docs-json.

export const ERROR_SCHEMA = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    error: { type: 'string' },
    message: { type: 'string' },
    details: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
    messageId: { type: 'string', nullable: true },
    outcome: { type: 'string', enum: ['invalid', 'rejected'] },
    code: { type: 'string', description: 'rejection code of the domain, or `invalid`' },
  },
};

export const ENVELOPE_SCHEMA = {
  type: 'object',
  required: ['messageId', 'type', 'partnerId', 'occurredAt', 'source', 'data'],
  additionalProperties: false,
  properties: {
    messageId: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$', example: 'lms-2020-000123' },
    type: { type: 'string', enum: [...UPSTREAM_EVENT_TYPES] },
    partnerId: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$', example: 'P-00042' },
    occurredAt: { type: 'string', format: 'date-time', description: 'business time with offset; at most 5 minutes in the future' },
    source: { type: 'string', minLength: 1, maxLength: 64, example: 'lms' },
    data: { type: 'object', description: "the type's fields (CONTRACT §1); unknown fields are rejected" },
  },
};

export const BATCH_SCHEMA = {
  type: 'object',
  required: ['events'],
  additionalProperties: false,
  properties: { events: { type: 'array', minItems: 1, maxItems: 500, items: ENVELOPE_SCHEMA } },
};

export const INGEST_RESULT_SCHEMA = {
  type: 'object',
  required: ['messageId', 'outcome'],
  properties: {
    messageId: { type: 'string', nullable: true },
    outcome: { type: 'string', enum: ['appended', 'duplicate', 'invalid', 'rejected'] },
    position: { type: 'integer', description: 'global position, when stored' },
    code: { type: 'string' },
    reason: { type: 'string' },
    results: { type: 'array', description: 'batch only: one result per message, in order', items: { type: 'object' } },
  },
};

const NEXT_SCHEMA = { type: 'object', nullable: true, properties: { tier: { type: 'string', enum: [...TIERS] }, missing: { type: 'array', items: { type: 'string' } } } };

export const STATUS_SCHEMA = {
  type: 'object',
  properties: {
    partnerId: { type: 'string' },
    evaluatedAt: { type: 'string', format: 'date-time' },
    ruleset: { type: 'string', nullable: true },
    programme: { type: 'string', enum: ['partner-connect', 'legacy'] },
    goodStanding: { type: 'boolean' },
    agreement: {
      type: 'object',
      nullable: true,
      properties: {
        agreementId: { type: 'string' },
        status: { type: 'string', enum: ['active', 'expired', 'terminated', 'not-yet-effective'] },
        effectiveFrom: { type: 'string', format: 'date' },
        expiresOn: { type: 'string', format: 'date' },
        renewalNotice: { type: 'object', properties: { noticeId: { type: 'string' }, dueOn: { type: 'string', format: 'date' }, status: { type: 'string', enum: ['pending', 'issued', 'acknowledged', 'cancelled'] } } },
      },
    },
    businessModels: { type: 'array', items: { type: 'string' } },
    requirements: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, met: { type: 'boolean' }, detail: { type: 'string' } } } },
    areas: {
      type: 'object',
      properties: Object.fromEntries(
        AREAS.map((area) => [area, { type: 'object', properties: { tier: { type: 'string', nullable: true, enum: [...TIERS] }, credits: { type: 'number' }, badge: { type: 'boolean' }, next: NEXT_SCHEMA } }]),
      ),
    },
    badges: { type: 'array', items: { type: 'object', properties: { area: { type: 'string' }, since: { type: 'string', format: 'date-time' } } } },
    entitlements: { type: 'object', properties: { dealRegistration: { type: 'array', items: { type: 'string' } }, coSelling: { type: 'array', items: { type: 'string' } }, mscIncentives: { type: 'array', items: { type: 'string' } } } },
    position: { type: 'integer' },
  },
};
