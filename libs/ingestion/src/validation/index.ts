// ── Upstream envelope validation (CONTRACT §1), shared by HTTP and Kafka ingestion ────────────
export type { Problem } from './problems';
export type { EnvelopeValidation, UpstreamEnvelope } from './validate-envelope';
export { toFact, validateEnvelope } from './validate-envelope';
export { MAX_JSON_DEPTH, type ReceivedItem, type ReceivedJson, readJsonBytes, readJsonText } from './received-json';
export { problem } from './problems';
