import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileEventStoreForChildProcess } from '../testing/compile-for-child-process';
import { readEverything, resumeProbe, runAndKill, verifyAfterCrash, type Ack } from '../testing/crash-harness';
import { pause } from '../pause';
import { adminQuery, dropSchema, testDatabaseUrl, uniqueSchema } from '../testing/postgres-test-schema';
import { PostgresEventStore } from './postgres-event-store';

/**
 * The killed writer's sessions may outlive it for a moment: a COMMIT it sent before the kill still
 * runs on the server, and stores a group nobody was told of (allowed: it was never acknowledged).
 * The log is final, and the next position known, only once those sessions have ended.
 */
async function sessionsEnded(applicationName: string): Promise<void> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await pause(20)) {
    const { rows } = await adminQuery('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
    if ((rows[0] as { n: number }).n === 0) return;
  }
  throw new Error(`the killed writer's sessions (${applicationName}) did not end within 10 s`);
}

/** The twin of sqlite-crash.int-spec.ts: the writer process dies mid-group; the server rolls its open transaction back. */
describe('PostgreSQL crash safety (SIGKILL of a writer process)', () => {
  let build: string;
  const schema = uniqueSchema();
  // The writer's sessions carry the schema's name, so this test can wait for exactly them.
  const writerUrl = new URL(testDatabaseUrl());
  writerUrl.searchParams.set('application_name', `writer_${schema}`);
  beforeAll(() => {
    build = compileEventStoreForChildProcess(mkdtempSync(join(tmpdir(), 'event-store-build-')));
  });
  afterAll(async () => {
    rmSync(build, { recursive: true, force: true });
    await dropSchema(schema);
  });

  it('keeps every acknowledged append, never shows a partial one, stays gap-free and accepts appends after a restart', async () => {
    const acked: Ack[] = [];
    for (let round = 0; round < 5; round++) {
      const acks = await runAndKill(join(build, 'testing/postgres-crash-writer.js'), [writerUrl.toString(), schema, String(round)]);
      expect(acks.length).toBeGreaterThan(0);
      await sessionsEnded(`writer_${schema}`);
      acked.push(...acks);
      const store = await PostgresEventStore.open({ connectionString: testDatabaseUrl(), schema });
      try {
        const events = await readEverything(store);
        verifyAfterCrash(events, acked);
        const resumed = await store.append('partner-resume', resumeProbe(round), { expectedRevision: round === 0 ? 'no_stream' : round - 1 });
        expect(resumed.positions).toEqual([BigInt(events.length + 1)]);
      } finally {
        await store.close();
      }
    }
  }, 90_000);
});
