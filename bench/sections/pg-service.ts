import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Envelope } from '../../scripts/programme-generator';
import { ADMIN_KEY, type ApiProcess, freePort, killed, startApi } from '../../test/crash/api-process';
import { percentile } from '../support';
import { freshSchema } from './postgres';

// ── The all-PostgreSQL service: 2 API replicas (--api-only) and 1 elected projector, built processes ──
// Every process has a DATA_DIR of its own, so whatever they share goes through PostgreSQL: a write
// on one replica read on the other proves the topology, not a shared file.

const PROJECTOR = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');
const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };

export type PgService = Readonly<{
  /** The DATABASE_SCHEMA_PREFIX of this run's schemas. */
  prefix: string;
  /** The two replicas' base URLs, A then B. */
  replicas: readonly [string, string];
  /** Waits until a read on replica B sees everything stored so far; resolves to the ms it took. */
  caughtUp: () => Promise<number>;
  output: () => string;
  dispose: () => Promise<void>;
}>;

/** Starts the topology on `url` under a fresh DATABASE_SCHEMA_PREFIX; `dispose` stops it and drops every schema of that prefix. */
export async function startPgService(url: string): Promise<PgService> {
  if (!existsSync(PROJECTOR)) throw new Error(`${PROJECTOR} is missing: run "npm run build" first`);
  const prefix = `${freshSchema()}_`;
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: url, DATABASE_SCHEMA_PREFIX: prefix };
  const dirs: string[] = [];
  const dataDir = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'pp-bench-pg-service-')));
    return dirs.at(-1)!;
  };
  const apis: ApiProcess[] = [];
  let projector: Projector | undefined;
  const output = () => [projector?.output() ?? '', ...apis.map((api) => api.output())].join('\n---\n').slice(-4000);
  const dispose = async () => {
    await Promise.all([...apis.map((api) => api.child), ...(projector ? [projector.child] : [])].map((child) => killed(child, 'SIGTERM')));
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    await dropSchemasOf(url, prefix);
  };
  try {
    // One at a time: each process creates and migrates the schemas it uses as it starts.
    projector = await startProjector(dataDir(), env);
    for (let i = 0; i < 2; i++) apis.push(await startApi(dataDir(), await freePort(), { args: ['--api-only'], env }));
  } catch (error) {
    await dispose();
    throw error;
  }
  const replicas = [apis[0]!.url, apis[1]!.url] as const;
  const caughtUp = async () => {
    const started = performance.now();
    const head = await headPosition(url, prefix);
    // A partner nobody wrote: 404 once the read models have reached the head, 503 after 5 s before that.
    for (;;) {
      const answer = await fetch(`${replicas[1]}/v1/partners/P-BENCH-NONE?minPosition=${head}`, { headers });
      if (answer.status === 404) break;
      if (answer.status !== 503) throw new Error(`GET status with minPosition on replica B: ${answer.status} ${await answer.text()}`);
    }
    return performance.now() - started;
  };
  return { prefix, replicas, caughtUp, output, dispose };
}

type Projector = Readonly<{ child: ChildProcess; output: () => string }>;

/** The built projector app, once it has started (its schemas migrated; it leads, alone on its prefix). */
async function startProjector(dataDir: string, env: Record<string, string>): Promise<Projector> {
  let output = '';
  const child = spawn(process.execPath, [PROJECTOR], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error', SCHEDULER_INTERVAL_MS: '3600000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!output.includes('projector and scheduler running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`projector did not start: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output: () => output };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const headPosition = (url: string, prefix: string) =>
  withClient(url, async (client) =>
    Number((await client.query<{ position: string }>(`SELECT position FROM "${prefix}event_store".log_head`)).rows[0]!.position),
  );

async function dropSchemasOf(url: string, prefix: string): Promise<void> {
  await withClient(url, async (client) => {
    // starts_with, not LIKE: the prefix's underscores would be wildcards there.
    const { rows } = await client.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, $1)', [prefix]);
    for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
  });
}

/**
 * Read-your-writes across replicas: each message posted on replica A, then its partner's status
 * read on replica B with `minPosition` at the message's position, one at a time. A sample is the
 * time from A's answer until B's; p50 and p99 in ms.
 */
export async function readYourWrites(service: PgService, messages: readonly Envelope[]): Promise<{ p50: number; p99: number }> {
  const [a, b] = service.replicas;
  const samples: number[] = [];
  for (const message of messages) {
    const posted = await fetch(`${a}/v1/events`, { method: 'POST', headers, body: JSON.stringify(message) });
    if (posted.status !== 201) throw new Error(`POST /v1/events on replica A: ${posted.status} ${await posted.text()}`);
    const { position } = (await posted.json()) as { position: number };
    const acknowledged = performance.now();
    const read = await fetch(`${b}/v1/partners/${message.partnerId}?minPosition=${position}`, { headers });
    if (read.status !== 200) throw new Error(`GET status on replica B: ${read.status} ${await read.text()}`);
    await read.arrayBuffer();
    samples.push(performance.now() - acknowledged);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}
