import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

// ── The built service as a child process, for crash tests ─────────────────────────────────────

const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'membership-api', 'src', 'main.js');
export const ADMIN_KEY = 'admin-crash-key-0123456789';

export type ApiProcess = Readonly<{ child: ChildProcess; url: string; output: () => string }>;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export type StartOptions = Readonly<{
  nodeArgs?: readonly string[];
  args?: readonly string[];
  env?: Readonly<Record<string, string>>;
  /** Wait until the service is ready (default) or only live. */
  until?: 'ready' | 'live';
  /** What this parent does with the service's stdout and stderr pipes: read them (default), never read them, or close them at once. */
  output?: 'read' | 'unread' | 'closed';
}>;

/** Starts `dist/…/main.js` (built by `npm test` before jest runs) and waits until it is ready (or live). */
export async function startApi(dataDir: string, port: number, options: StartOptions = {}): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  let output = '';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), MAIN, ...(options.args ?? [])], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      API_KEYS: `admin:${ADMIN_KEY}`,
      LOG_LEVEL: 'error',
      SCHEDULER_INTERVAL_MS: '3600000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (options.output === 'closed') [child.stdout, child.stderr].forEach((pipe) => pipe?.destroy());
  else if (options.output === 'unread') [child.stdout, child.stderr].forEach((pipe) => pipe?.pause());
  else {
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
  }
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited (${child.exitCode}): ${output}`);
    const ready = await fetch(`${url}/health/${options.until ?? 'ready'}`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, url, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`service not ready in 30 s: ${output}`);
}

export function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
