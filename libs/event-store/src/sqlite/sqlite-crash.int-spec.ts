import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../event-envelope';
import { compileEventStoreForChildProcess } from '../testing/compile-for-child-process';
import { SqliteEventStore } from './sqlite-event-store';

interface Ack {
  append: string;
  stream: string;
  first: number;
  last: number;
  positions: string[];
}

const ROOT = join(__dirname, '../../../..');

/** Runs the writer child until at least one append is acknowledged, waits a random time, SIGKILLs it. */
async function runAndKill(build: string, directory: string, round: number): Promise<Ack[]> {
  const child = spawn(process.execPath, [join(build, 'testing/sqlite-crash-writer.js'), directory, String(round)], {
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n{')) resolve();
    });
    void exited.then(() => reject(new Error(`writer exited early: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 250));
  child.kill('SIGKILL');
  await exited;
  // Only complete lines count: a line cut by the kill was never fully acknowledged.
  const lines = stdout.split('\n').slice(0, -1).filter((line) => line.startsWith('{'));
  return lines.map((line) => JSON.parse(line) as Ack);
}

async function readEverything(store: SqliteEventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let from = 0n; ; ) {
    const page = await store.readAll({ fromPosition: from, maxCount: 5000 });
    events.push(...page.events);
    from = page.nextPosition;
    if (page.isEnd) return events;
  }
}

function verify(events: StoredEvent[], acked: readonly Ack[]): void {
  expect(events.map((e) => e.position)).toEqual(events.map((_, i) => BigInt(i + 1)));
  const byAppend = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const key = String(event.data['append']);
    byAppend.set(key, [...(byAppend.get(key) ?? []), event]);
  }
  for (const [append, group] of byAppend) {
    const of = Number(group[0]!.data['of']);
    if (group.length !== of || group.some((e, i) => e.data['index'] !== i || e.revision !== group[0]!.revision + i)) {
      throw new Error(`append ${append} is partial or out of order: ${group.length} of ${of}`);
    }
  }
  for (const ack of acked) {
    const group = byAppend.get(ack.append);
    if (!group) throw new Error(`acknowledged append ${ack.append} is missing`);
    expect({ stream: group[0]!.streamId, first: group[0]!.revision, last: group.at(-1)!.revision, positions: group.map((e) => String(e.position)) })
      .toEqual({ stream: ack.stream, first: ack.first, last: ack.last, positions: ack.positions });
  }
}

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
      const acks = await runAndKill(build, directory, round);
      expect(acks.length).toBeGreaterThan(0);
      acked.push(...acks);
      const store = SqliteEventStore.open({ location: directory });
      try {
        const events = await readEverything(store);
        verify(events, acked);
        const resumed = await store.append('partner-resume', [{
          type: 'CrashProbe', data: { append: `resume-${round}`, index: 0, of: 1 },
          metadata: { messageId: `resume-${round}`, source: 'crash-test', occurredAt: new Date().toISOString() },
        }], { expectedRevision: round === 0 ? 'no_stream' : round - 1 });
        expect(resumed.positions).toEqual([BigInt(events.length + 1)]);
      } finally {
        await store.close();
      }
    }
  }, 60_000);
});
