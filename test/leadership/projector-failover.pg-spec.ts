import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropSchema, testDatabaseUrl, uniqueSchema } from '@partner-program/event-store/testing';
import { eventually } from '../../libs/platform/src/leadership/testing/terms';
import { killed } from '../crash/api-process';

// The built projector app (`npm run start:projector`) twice on one database: one leads, the other
// stands by; SIGKILL the leader and the standby takes over with a larger token.
// Only the election is PostgreSQL's here: the event store and read models are SQLite, on one
// DATA_DIR (the leader's first rebuild swaps the table sets under the standby, which must resume
// from them when it takes over).

const PROJECTOR = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');
const LEADING = /"msg":"leading projector \(token (\d+)\)/g;

type Projector = Readonly<{ child: ChildProcess; tokens: () => bigint[]; output: () => string }>;

function startProjector(dataDir: string, schema: string, args: string[] = []): Projector {
  let output = '';
  const child = spawn(process.execPath, [PROJECTOR, ...args], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_SCHEMA_PREFIX: `${schema}_`,
      LOG_LEVEL: 'info',
      SCHEDULER_INTERVAL_MS: '3600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return { child, output: () => output, tokens: () => [...output.matchAll(LEADING)].map((match) => BigInt(match[1]!)) };
}

describe('two projector processes on one database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-failover-'));
  const schema = uniqueSchema();
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(`${schema}_coordination`);
  });

  it('exactly one leads; after a SIGKILL of the leader the other leads with a larger token', async () => {
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
      // The bound is a liveness limit, not a speed target (a loaded CI machine is slow): the
      // takeover time is printed, not asserted.
      const [second] = await eventually(() => (standby.tokens().length > 0 ? standby.tokens() : undefined), 30_000, outputs);
      process.stdout.write(`projector failover after SIGKILL: ${Date.now() - killedAt} ms (tokens ${first} -> ${second})\n`);
      expect(second).toBeGreaterThan(first!);

      // `start:projector -- --rebuild` on a standby: asked of the leader, reported by the standby.
      const asking = startProjector(dataDir, schema, ['--rebuild']);
      both.push(asking);
      await eventually(() => (/rebuilt every read model from 0 events/.test(asking.output()) ? true : undefined), 30_000, outputs);
      expect(asking.tokens()).toEqual([]);
      expect(standby.output()).toMatch(/"msg":"rebuilt every read model for request \d+/);
    } finally {
      await Promise.all(both.map((p) => killed(p.child, 'SIGTERM')));
    }
  }, 120_000);
});
