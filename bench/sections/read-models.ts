import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DEFAULT_CATALOG } from '@partner-program/domain';
import { type EventStore, SqliteEventStore } from '@partner-program/event-store';
import { PartnerProjector, PostgresReadModelDatabase, ReadModelDatabase, type ReadModelBackend } from '@partner-program/read-models';
import { interleaved, programme } from '../../scripts/programme-generator';
import type { BenchOptions } from '../support';
import { loadStore } from './projection-rebuild';

// Projection into the SQLite and the PostgreSQL read models from the same SQLite log: the live
// loop's page-by-page catch-up (500-event pages over 500 interleaved partners, as live traffic
// arrives) and a rebuild, each into an empty database.

type Throughput = { events: number; eventsPerSecond: number };

/** A read-model database for one measurement, and how to dispose of it. */
export type Target = { db: ReadModelBackend; dispose: () => Promise<void> };

export function sqliteTarget(): () => Promise<Target> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pp-bench-rm-'));
    const db = ReadModelDatabase.open({ location: dir });
    return { db, dispose: async () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
  };
}

export function postgresTarget(url: string): () => Promise<Target> {
  return async () => {
    const schema = `bench_rm_${randomBytes(5).toString('hex')}`;
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    const db = await PostgresReadModelDatabase.open({ pool, connectionString: url, schema });
    return {
      db,
      dispose: async () => {
        await db.close();
        await pool.query(`DROP SCHEMA "${schema}" CASCADE`);
        await pool.end();
      },
    };
  };
}

/** A SQLite log of the generated programme, partners interleaved 500 at a time; `dispose` removes it. */
export async function readModelLog(o: BenchOptions): Promise<{ store: EventStore; events: number; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-rm-log-'));
  const partners = o.tiny ? 100 : Math.max(1, Math.round(o.partners / 3));
  const events = await loadStore(dir, interleaved(programme({ partners, dealsPerPartner: o.dealsPerPartner, prefix: 'RM' }), 500));
  const store = SqliteEventStore.open({ location: dir });
  return { store, events, dispose: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
}

/** Projects the whole log into an empty target by catch-up or by rebuild. */
export async function projectInto(store: EventStore, open: () => Promise<Target>, how: 'catch-up' | 'rebuild'): Promise<Throughput> {
  const target = await open();
  try {
    const projector = new PartnerProjector({ store, db: target.db, catalog: DEFAULT_CATALOG });
    const started = performance.now();
    const events = how === 'catch-up' ? await projector.catchUp() : (await projector.rebuild()).events;
    return { events, eventsPerSecond: events / ((performance.now() - started) / 1000) };
  } finally {
    await target.dispose();
  }
}
