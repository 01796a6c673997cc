import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiProcess, type StartOptions, freePort, startApi } from './api-process';

// The parent that read the service's stdout and stderr has gone (a supervisor died, `npm start |
// tee` was interrupted) or no longer reads them: every log line now fails (EPIPE) or finds the
// pipe full. The service must keep serving, and SIGTERM must still stop it promptly and cleanly,
// whatever logging fails on the way.

jest.setTimeout(90_000);

const STOP_WITHIN_MS = 10_000;

describe('the built service when nobody reads its output', () => {
  const dirs: string[] = [];
  const started: ApiProcess[] = [];
  afterAll(() => {
    for (const { child } of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  async function start(output: StartOptions['output']): Promise<ApiProcess> {
    const dir = mkdtempSync(join(tmpdir(), 'pp-closed-output-'));
    dirs.push(dir);
    // Its first line ("listening on …") already goes into the closed pipe.
    const api = await startApi(dir, await freePort(), { output, env: { LOG_LEVEL: 'debug' } });
    started.push(api);
    return api;
  }

  /** Requests that each log a line (4xx at warn, 2xx at debug): enough to fill any pipe buffer. */
  async function logLines(url: string, count: number): Promise<void> {
    for (let i = 0; i < count; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, k) => fetch(`${url}/v1/nothing-${i + k}?padding=${'x'.repeat(200)}`).then((r) => r.arrayBuffer())));
    }
  }

  function stopped(api: ApiProcess): Promise<number | null | string> {
    const exited = new Promise<number | null>((resolve) => api.child.once('exit', (code) => resolve(code)));
    api.child.kill('SIGTERM');
    return Promise.race([
      exited,
      new Promise<string>((resolve) => setTimeout(() => resolve(`still running ${STOP_WITHIN_MS} ms after SIGTERM`), STOP_WITHIN_MS)),
    ]);
  }

  it.each([
    ['closed by a parent that has gone (EPIPE)', 'closed'],
    ['left full by a parent that no longer reads them', 'unread'],
  ] as const)('with its stdout and stderr %s it keeps serving and SIGTERM stops it with exit code 0', async (_case, output) => {
    const api = await start(output);
    await logLines(api.url, 3000);
    expect((await fetch(`${api.url}/health/live`, { signal: AbortSignal.timeout(5_000) })).status).toBe(200);
    expect(await stopped(api)).toBe(0);
  });
});
