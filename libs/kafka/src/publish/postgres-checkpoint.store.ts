import type { Pool } from 'pg';
import { FencedOutError, type FencingToken, type PostgresMigration, checkpointUpsertSql, migrateOnPool, tokenForWrite } from '@partner-program/event-store';
import type { CheckpointStore } from './checkpoint-store';

// ── A publisher's checkpoint as a row in PostgreSQL (EVENT_STORE=postgres) ───────────────────
// Any machine may run the elected publisher, so the checkpoint lives in the shared database, not
// in a file of one machine; fenced so a publisher that lost its leadership cannot move it back.

const MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    description: 'publisher checkpoints (fenced)',
    up: (s) => `
      CREATE TABLE ${s}.checkpoints (
        name       text   PRIMARY KEY,
        checkpoint text   NOT NULL,
        fence      bigint NOT NULL DEFAULT 0
      );`,
  },
];

/** Options of {@link PostgresCheckpointStore}. */
export type PostgresCheckpointStoreOptions = Readonly<{
  /** The process's shared pool; never ended here. */
  pool: Pool;
  /** The publisher's name (its row), e.g. `renewal-notices`. */
  name: string;
  /** Default `publishers`; created and migrated on first use. */
  schema?: string;
  /** The elected publisher's token (none: a single publisher, writes unconditional). */
  fence?: FencingToken;
}>;

export class PostgresCheckpointStore implements CheckpointStore {
  private readonly schema: string;
  private migrated: Promise<string> | undefined;

  constructor(private readonly options: PostgresCheckpointStoreOptions) {
    this.schema = options.schema ?? 'publishers';
  }

  async load(): Promise<string | undefined> {
    const table = await this.table();
    const { rows } = await this.options.pool.query<{ checkpoint: string }>(`SELECT checkpoint FROM ${table} WHERE name = $1`, [this.options.name]);
    return rows[0]?.checkpoint;
  }

  async save(checkpoint: string): Promise<void> {
    const target = `checkpoint ${this.options.name}`;
    const token = tokenForWrite(target, this.options.fence);
    const table = await this.table();
    const values = token === undefined ? [this.options.name, checkpoint] : [this.options.name, checkpoint, token.toString()];
    const written = await this.options.pool.query(checkpointUpsertSql(table, 'checkpoint', token !== undefined), values);
    if (written.rowCount === 0) throw new FencedOutError(target, token);
  }

  /** The quoted table, once its schema is migrated (on first use: the constructor cannot wait). */
  private table(): Promise<string> {
    this.migrated ??= migrateOnPool(this.options.pool, this.schema, MIGRATIONS).then(
      (schema) => `${schema}.checkpoints`,
      (error: unknown) => {
        this.migrated = undefined; // the next call tries again (database not up yet)
        throw error;
      },
    );
    return this.migrated;
  }
}
