import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchema, testDatabaseUrl, uniqueSchema } from '../../libs/event-store/src/testing/postgres-test-schema';
import { killed } from '../crash/api-process';

// The built projector app (`npm run start:projector`) twice on one database: one leads, the other
// stands by; SIGKILL the leader and the standby takes over within seconds with a larger token.
// The event store and read models are SQLite on one DATA_DIR here; the election is PostgreSQL's.

const PROJECTOR = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');
const LEADING = /"msg":"leading projector \(token (\d+)\)/g;

type Projector = Readonly<{ child: ChildProcess; tokens: () => bigint[]; output: () => string }>;

function startProjector(dataDir: string, schema: string): Projector {
  let output = '';
  const child = spawn(process.execPath, [PROJECTOR], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: testDatabaseUrl(), COORDINATION_SCHEMA: schema, LOG_LEVEL: 'info', SCHEDULER_INTERVAL_MS: '3600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, tokens: () => [...output.matchAll(LEADING)].map((match) => BigInt(match[1]!)) };
}

async function eventually<T>(probe: () => T | undefined, withinMs: number, what: () => string): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('two projector processes on one database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-failover-'));
  const schema = uniqueSchema();
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(schema);
  });

  it('exactly one leads; after a SIGKILL of the leader the other leads within seconds with a larger token', async () => {
    if (!existsSync(PROJECTOR)) throw new Error(`${PROJECTOR} is missing: run "npm run build" first (npm test does)`);
    const both = [startProjector(dataDir, schema), startProjector(dataDir, schema)];
    const outputs = () => both.map((p) => p.output()).join('\n---\n');
    try {
      const leader = await eventually(() => both.find((p) => p.tokens().length > 0), 30_000, outputs);
      const standby = both.find((p) => p !== leader)!;
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // two polls of the standby
      expect(standby.tokens()).toEqual([]);
      const [first] = leader.tokens();

      const killedAt = Date.now();
      await killed(leader.child, 'SIGKILL');
      const [second] = await eventually(() => (standby.tokens().length > 0 ? standby.tokens() : undefined), 10_000, outputs);
      const tookOverMs = Date.now() - killedAt;
      process.stdout.write(`projector failover after SIGKILL: ${tookOverMs} ms (tokens ${first} -> ${second})\n`);
      expect(second).toBeGreaterThan(first!);
      expect(tookOverMs).toBeLessThan(5_000);
    } finally {
      await Promise.all(both.map((p) => killed(p.child, 'SIGTERM')));
    }
  }, 60_000);
});
