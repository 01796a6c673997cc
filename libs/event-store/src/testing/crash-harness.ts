import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { StoredEvent } from '../event-envelope';
import type { EventStore } from '../event-store.port';

/** What a crash-test writer printed once an append had resolved (crash-writer-loop.ts). */
export interface Ack {
  append: string;
  stream: string;
  first: number;
  last: number;
  positions: string[];
}

const ROOT = join(__dirname, '../../../..');

/** Runs a compiled writer child until at least one append is acknowledged, waits a random time, SIGKILLs it. */
export async function runAndKill(script: string, args: readonly string[]): Promise<Ack[]> {
  const child = spawn(process.execPath, [script, ...args], {
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
  const lines = stdout
    .split('\n')
    .slice(0, -1)
    .filter((line) => line.startsWith('{'));
  return lines.map((line) => JSON.parse(line) as Ack);
}

export async function readEverything(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (let from = 0n; ;) {
    const page = await store.readAll({ fromPosition: from, maxCount: 5000 });
    events.push(...page.events);
    from = page.nextPosition;
    if (page.isEnd) return events;
  }
}

/** Gap-free positions, no partial append, and every acknowledged append stored exactly as acknowledged. */
export function verifyAfterCrash(events: StoredEvent[], acked: readonly Ack[]): void {
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
    expect({ stream: group[0]!.streamId, first: group[0]!.revision, last: group.at(-1)!.revision, positions: group.map((e) => String(e.position)) }).toEqual({
      stream: ack.stream,
      first: ack.first,
      last: ack.last,
      positions: ack.positions,
    });
  }
}

/** An append after the crash: it must land right after what survived. */
export function resumeProbe(round: number) {
  return [
    {
      type: 'CrashProbe',
      data: { append: `resume-${round}`, index: 0, of: 1 },
      metadata: { messageId: `resume-${round}`, source: 'crash-test', occurredAt: new Date().toISOString() },
    },
  ];
}
