import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileEventStoreForChildProcess } from '../testing/compile-for-child-process';
import { readEverything, resumeProbe, runAndKill, verifyAfterCrash, type Ack } from '../testing/crash-harness';
import { SqliteEventStore } from './sqlite-event-store';

describe('SQLite crash safety (SIGKILL of a writer process)', () => {
  let build: string;
  let directory: string;
  beforeAll(() => {
    build = compileEventStoreForChildProcess(mkdtempSync(join(tmpdir(), 'event-store-build-')));
    directory = mkdtempSync(join(tmpdir(), 'event-store-crash-'));
  });
  afterAll(() => {
    rmSync(build, { recursive: true, force: true });
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps every acknowledged append, never shows a partial one, stays gap-free and accepts appends after reopen', async () => {
    const acked: Ack[] = [];
    for (let round = 0; round < 5; round++) {
      const acks = await runAndKill(join(build, 'testing/sqlite-crash-writer.js'), [directory, String(round)]);
      expect(acks.length).toBeGreaterThan(0);
      acked.push(...acks);
      const store = SqliteEventStore.open({ location: directory });
      try {
        const events = await readEverything(store);
        verifyAfterCrash(events, acked);
        const resumed = await store.append('partner-resume', resumeProbe(round), { expectedRevision: round === 0 ? 'no_stream' : round - 1 });
        expect(resumed.positions).toEqual([BigInt(events.length + 1)]);
      } finally {
        await store.close();
      }
    }
  }, 60_000);
});
