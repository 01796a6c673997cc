import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { type EventStore, EsdbEventStore, PostgresEventStore, SqliteEventStore } from '@partner-program/event-store';
import type { AppConfig } from '../config/app-config';
import { postgresSchemas } from './postgres';
import type { Clock } from './tokens';

/**
 * The embedded SQLite store in DATA_DIR by default; EventStoreDB/KurrentDB with EVENT_STORE=esdb;
 * PostgreSQL with EVENT_STORE=postgres, on the process's shared `pool`.
 */
export async function createEventStore(config: AppConfig, clock: Clock, pool: Pool | undefined): Promise<EventStore> {
  // Where the hash chain upgrade of a store written by an earlier version reports its progress.
  const logger = new Logger('EventStore');
  const log = (message: string) => logger.log(message);
  if (config.EVENT_STORE === 'esdb') return EsdbEventStore.fromConnectionString(config.ESDB_CONNECTION_STRING!, { clock });
  if (config.EVENT_STORE === 'postgres') {
    return PostgresEventStore.open({
      connectionString: config.DATABASE_URL!,
      pool: pool!,
      schema: postgresSchemas(config).eventStore,
      clock,
      listenerRetryMs: 200,
      log,
    });
  }
  return SqliteEventStore.open({ location: config.DATA_DIR, clock, log });
}
