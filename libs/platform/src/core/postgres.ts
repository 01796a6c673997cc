import type { Pool } from 'pg';
import { openPostgresPool, pause } from '@partner-program/event-store';
import type { AppConfig } from '../config/app-config';

// ── EVENT_STORE=postgres: one database, one pool per process, one schema per component ───────
// The event store, the read models, the rejection log, the publishers' checkpoints and the elections share DATABASE_URL's database
// (everything the processes of a deployment share lives in one place), each in its own schema.

/** The schema of each PostgreSQL component, after DATABASE_SCHEMA_PREFIX. */
export type PostgresSchemas = Readonly<{ eventStore: string; readModels: string; rejectionLog: string; publishers: string; coordination: string }>;

export function postgresSchemas(config: Pick<AppConfig, 'DATABASE_SCHEMA_PREFIX'>): PostgresSchemas {
  const prefix = config.DATABASE_SCHEMA_PREFIX;
  return {
    eventStore: `${prefix}event_store`,
    readModels: `${prefix}read_models`,
    rejectionLog: `${prefix}rejection_log`,
    publishers: `${prefix}publishers`,
    coordination: `${prefix}coordination`,
  };
}

/**
 * The process's one pool with EVENT_STORE=postgres, else `undefined` (nothing else opens one).
 * Connects once, so an unreachable database stops the start with a message naming DATABASE_URL
 * and where it points (never the password), before any component fails on it in its own words.
 */
export async function openSharedPool(config: AppConfig): Promise<Pool | undefined> {
  if (config.EVENT_STORE !== 'postgres') return undefined;
  const pool = openPostgresPool({ connectionString: config.DATABASE_URL!, max: config.DATABASE_POOL_SIZE });
  try {
    await pool.query('SELECT 1');
    return pool;
  } catch (error) {
    await pool.end();
    throw new Error(`DATABASE_URL: cannot connect to PostgreSQL at ${whereItPoints(config.DATABASE_URL!)}: ${(error as Error).message}`, { cause: error });
  }
}

/** host:port/database of a connection string, without user or password. */
function whereItPoints(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname || 'localhost'}:${port || 5432}${pathname || '/'}`;
  } catch {
    return '(an unparsable URL)';
  }
}

/** Readiness: `SELECT 1` answered within `timeoutMs` (a pool with every connection stuck counts as down). */
export async function postgresAnswers(pool: Pool, timeoutMs = 1_000): Promise<boolean> {
  const timer = new AbortController();
  try {
    return await Promise.race([pool.query('SELECT 1').then(() => true), pause(timeoutMs, timer.signal).then(() => false)]);
  } finally {
    timer.abort();
  }
}
