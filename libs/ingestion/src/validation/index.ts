// ── Upstream envelope validation (docs/contract.md §1), shared by HTTP and Kafka ingestion ────────────
export type { Problem } from './problems';
export type { EnvelopeValidation, UpstreamEnvelope } from './validate-envelope';
export { toFact, validateDto, validateEnvelope } from './validate-envelope';
export { dtoSchema, envelopeSchemas, schemaRef, SCHEMA_REF_PREFIX } from './json-schemas';
export type { JsonSchema } from './rule';
export { CALENDAR_DATE, CALENDAR_TIMESTAMP, POINT_IN_TIME } from './calendar-patterns';
export { MessageIdRules, OpenIdRules, PartnerIdRules } from './field-kinds';
export { MESSAGE_ID, OPEN_ID, PARTNER_ID, POSITION_TEXT, idPattern } from './id-patterns';
export { RequiredText } from './kind-rules';
export { MAX_JSON_DEPTH, type ReceivedItem, type ReceivedJson, readJsonBytes, readJsonText } from './received-json';
export { problem } from './problems';
