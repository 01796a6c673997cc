import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileEventStoreForChildProcess } from '../testing/compile-for-child-process';
import { readEverything, resumeProbe, runAndKill, verifyAfterCrash, type Ack } from '../testing/crash-harness';
import { dropSchema, testDatabaseUrl, uniqueSchema } from '../testing/postgres-test-schema';
import { PostgresEventStore } from './postgres-event-store';

/** The twin of sqlite-crash.int-spec.ts: the writer process dies mid-group; the server rolls its open transaction back. */
describe('PostgreSQL crash safety (SIGKILL of a writer process)', () => {
  let build: string;
  const schema = uniqueSchema();
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
      const acks = await runAndKill(join(build, 'testing/postgres-crash-writer.js'), [testDatabaseUrl(), schema, String(round)]);
      expect(acks.length).toBeGreaterThan(0);
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
