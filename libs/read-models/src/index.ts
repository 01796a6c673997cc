// ── @partner-program/read-models: projections of the event log into SQLite or PostgreSQL, and their queries ─
// Framework-free (no NestJS): the app wires these classes and runs the projector loop.

export { ReadModelDatabase, type ReadModelDatabaseOptions } from './read-model-database';
export { READ_MODEL_SCHEMA_VERSION } from './schema/read-model-schema';
export type { ReadModelBackend, ReadModelStorage, SetRows, StoredPartner } from './storage/read-model-storage';
export { PartnerProjector, type PartnerProjectorOptions, type ProjectorStats } from './projection/partner-projector';
export type { StateCacheLimits } from './projection/state-cache';
export { ReadModelQueries, type CheckpointWait } from './queries/read-model-queries';
export { HISTORY_INTERVALS, InvalidQueryError, MAX_HISTORY_POINTS, MAX_PAGE_SIZE, NOTICE_STATUSES, type TierFilter } from './queries/query-params';
export type { AreaCounts, CloseToNextTierItem, ProgrammeCounts, TierCounts, TierHistory, TierHistoryPoint } from './queries/programme-rows';
export type { BadgeItem, Page, PartnerStatusView, PartnerTierItem, RenewalNoticeItem, TierChangeItem, TierRiskNoticeItem } from './queries/query-rows';
export { PostgresReadModelDatabase, type PostgresReadModelOptions } from './postgres/postgres-read-model-database';
export { READ_MODEL_MIGRATIONS } from './postgres/postgres-read-model-schema';
