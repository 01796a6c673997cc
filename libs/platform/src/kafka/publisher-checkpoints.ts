import { join } from 'node:path';
import { type CheckpointStore, FileCheckpointStore, PostgresCheckpointStore } from '@partner-program/kafka';
import type { FencingToken } from '@partner-program/event-store';
import type { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { postgresSchemas } from '../core/postgres';

/**
 * A publisher's checkpoint store: a row in the shared database with EVENT_STORE=postgres (any
 * machine may run the publisher), else a file in DATA_DIR/kafka beside the SQLite store.
 */
export function publisherCheckpoints(
  config: Pick<AppConfig, 'DATA_DIR' | 'DATABASE_SCHEMA_PREFIX'>,
  pool: Pool | undefined,
  publisher: string,
  fence?: FencingToken,
): CheckpointStore {
  if (pool) return new PostgresCheckpointStore({ pool, schema: postgresSchemas(config).publishers, name: publisher, ...(fence ? { fence } : {}) });
  return new FileCheckpointStore(join(config.DATA_DIR, 'kafka', `${publisher}.checkpoint.json`));
}
