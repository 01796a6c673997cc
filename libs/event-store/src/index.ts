/**
 * @partner-program/event-store — the system of record. Generic: it knows event types only as
 * strings and payloads only as JSON objects.
 */
export type { EventData, EventMetadata, NewEvent, StoredEvent, StoredEventMetadata } from './event-envelope';
export type {
  AppendOptions,
  AppendResult,
  EventStore,
  LogHeads,
  ReadAllOptions,
  ReadAllPage,
  ReadHeadsOptions,
  ReadStreamOptions,
  StreamHead,
} from './event-store.port';
export { firstRevisionAfter, isRevisionConflict, type ExpectedRevision, type StreamRevision } from './expected-revision';
export { EventStoreClosedError, InvalidAppendError, MessageIdInUseError, WrongExpectedRevisionError } from './event-store.errors';
export { systemClock, type Clock } from './clock';
export { GENESIS_HASH, eventHash, type HashedEvent } from './hash-chain/event-hash';
export { INITIAL_SCHEMA_VERSION, UpcasterRegistry, type Upcaster } from './upcaster-registry';
export { StreamStateCache, type LoadedState, type StreamStateCacheOptions } from './stream-state-cache';
export { knowsHeadPosition, type KnowsHeadPosition } from './head-position';
export { waitForAppendAfter, wakesOnAppend, type WakesOnAppend } from './wakes-on-append';
export { pause } from './pause';
export { KeyedMutex, Mutex } from './mutex';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export { openSqlite, sqliteDurability, type SqliteDurability, type SqliteSynchronous } from './sqlite/open-sqlite';
export type { SqliteEventStoreMetrics, SqliteEventStoreOptions } from './sqlite/sqlite-event-store.options';
export { SQLITE_MIGRATIONS, SQLITE_SCHEMA_VERSION, migrateSqliteSchema, type SqliteMigration } from './sqlite/sqlite-schema';
export { EsdbEventStore } from './esdb/esdb-event-store';
export type { EsdbEventStoreOptions } from './esdb/esdb-event-store.options';
export type { EsdbClient } from './esdb/esdb-client';
export { ESDB_CONNECTION_STRING_PATTERN, parseEsdbConnectionString } from './esdb/esdb-config';
export { PostgresEventStore } from './postgres/postgres-event-store';
export type { PostgresEventStoreMetrics, PostgresEventStoreOptions } from './postgres/postgres-event-store.options';
export { FencedOutError, checkpointUpsertSql, tokenForWrite, type FencingToken } from './postgres/fencing';
export { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION, migratePostgresSchema, type PostgresMigration } from './postgres/postgres-schema';
export { migrateOnPool, openPostgresPool, tolerateDroppedConnections, type PostgresPoolOptions } from './postgres/postgres-pool';
export { PostgresAppendListener } from './postgres/postgres-append-listener';
export { AppendNotifier } from './append-notifier';
