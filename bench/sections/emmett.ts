import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AppendOptions, NewEvent } from '@partner-program/event-store';
import { createSchema, dropSchema, freshSchema } from './postgres';
import type { BenchStore } from './store-appends';

// Emmett's PostgreSQL store, the peer the PostgreSQL store is compared with (issue 12). It is
// installed for the benchmark only, from its own lockfile in bench/emmett/, on first use: it is not a
// dependency of the project, so nothing the apps build or ship can come to rely on it.

const EMMETT_DIR = join(__dirname, '..', 'emmett');
const PACKAGE = '@event-driven-io/emmett-postgresql';

/** The pinned version measured (bench/emmett/package.json), for the report. */
export const EMMETT_VERSION: string = (createRequire(__filename)(join(EMMETT_DIR, 'package.json')) as { dependencies: Record<string, string> }).dependencies[
  PACKAGE
]!;

/** What the bench uses of Emmett's store (its own types live in bench/emmett/node_modules, outside the build). */
type EmmettStore = {
  appendToStream(
    streamName: string,
    events: { type: string; data: unknown; metadata?: unknown }[],
    options: { expectedStreamVersion: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<unknown>;
  schema: { migrate(): Promise<unknown> };
  close(): Promise<void>;
};
type EmmettModule = { getPostgreSQLEventStore(connectionString: string, options?: object): EmmettStore };
type PgModule = { Pool: new (options: { connectionString: string; max: number }) => { end(): Promise<void> } };

/** Installs bench/emmett from its lockfile (`npm ci`) unless it is there already, and loads it. */
function loadEmmett(): { emmett: EmmettModule; pg: PgModule } {
  if (!existsSync(join(EMMETT_DIR, 'node_modules', PACKAGE, 'package.json'))) {
    process.stderr.write(`  installing ${PACKAGE} into bench/emmett (npm ci, benchmark only)\n`);
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: EMMETT_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const load = createRequire(join(EMMETT_DIR, 'package.json'));
  // Emmett's own pg (its type parsers are set on that copy, not on the project's).
  return { emmett: load(PACKAGE) as EmmettModule, pg: load('pg') as PgModule };
}

/** Emmett numbers stream versions from 1 (the count of events); the port's revisions from 0. */
function toEmmettStreamVersion(expected: AppendOptions['expectedRevision']): bigint | 'STREAM_DOES_NOT_EXIST' {
  if (expected === 'no_stream') return 'STREAM_DOES_NOT_EXIST';
  if (typeof expected !== 'number') throw new Error(`the Emmett bench store takes exact revisions, not ${String(expected)}`);
  return BigInt(expected + 1);
}

/**
 * A fresh Emmett PostgreSQL store in a schema of its own on `url` (its tables are unqualified, so
 * the schema is chosen by the connection's search_path), migrated before it is timed, with a pool
 * of `connections`, dropped afterwards. Every append is one transaction of its own (Emmett has no
 * group commit), so the transaction count is the append count.
 */
export function emmettBenchStore(url: string, connections: number): () => Promise<BenchStore> {
  const { emmett, pg } = loadEmmett();
  return async () => {
    const schema = freshSchema();
    await createSchema(url, schema);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    const connectionString = scoped.toString();
    const pool = new pg.Pool({ connectionString, max: connections });
    const store = emmett.getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
    await store.schema.migrate();
    let transactions = 0;
    const append = async (streamId: string, events: readonly NewEvent[], options: AppendOptions) => {
      await store.appendToStream(
        streamId,
        events.map((event) => ({ type: event.type, data: event.data, metadata: event.metadata })),
        { expectedStreamVersion: toEmmettStreamVersion(options.expectedRevision) },
      );
      transactions++;
    };
    return {
      store: { append },
      transactions: () => transactions,
      dispose: async () => {
        await store.close();
        await pool.end(); // a pool handed to Emmett stays the caller's to end
        await dropSchema(url, schema);
      },
    };
  };
}
