// ── Upstream envelope validation (CONTRACT §1), shared by HTTP and Kafka ingestion ────────────
export type { Problem } from './problems';
export type { EnvelopeValidation, UpstreamEnvelope } from './validate-envelope';
export { toFact, validateEnvelope } from './validate-envelope';
