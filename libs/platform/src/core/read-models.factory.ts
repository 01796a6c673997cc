import { type ReadModelBackend, ReadModelDatabase, PostgresReadModelDatabase } from '@partner-program/read-models';
import type { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { postgresSchemas } from './postgres';

/** The read models of a process, whichever database holds them. */
export type ReadModels = ReadModelBackend & { close(): void | Promise<void> };

/**
 * Beside the event store: in PostgreSQL with EVENT_STORE=postgres (on the shared `pool`), so every
 * API replica on any machine reads what the one elected projector wrote; else SQLite in DATA_DIR.
 */
export async function openReadModels(config: AppConfig, pool: Pool | undefined): Promise<ReadModels> {
  if (!pool) return ReadModelDatabase.open({ location: config.DATA_DIR });
  return PostgresReadModelDatabase.open({ pool, connectionString: config.DATABASE_URL!, schema: postgresSchemas(config).readModels });
}
