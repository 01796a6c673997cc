import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killed } from '../crash/api-process';

// `npm run demo` twice on one data directory: the second run sends the same messages, so every
// message gets the answer to a redelivery (duplicate; refusals keep their code), not
// message-id-reused. Each run prints the URL it actually serves.

const ROOT = join(__dirname, '..', '..');
type Run = Readonly<{ child: ChildProcess; url: string; outcomes: Record<string, number> }>;

async function runDemo(dataDir: string): Promise<Run> {
  const port = String(await freePort());
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/demo.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DEMO_PARTNERS: '4', PORT: port, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = new RegExp(`demo service on (http://localhost:${port}) `).exec(output)?.[1];
      const loaded = /loaded \d+ messages: (\{.*?\});/.exec(output)?.[1];
      if (url && loaded) resolve({ child, url, outcomes: JSON.parse(loaded) as Record<string, number> });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`demo exited (${code}): ${output}`)));
  });
}

describe('npm run demo, twice on one data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-demo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers the second run as a redelivery of the first, and serves on the port it prints', async () => {
    const first = await runDemo(dataDir);
    expect((await fetch(`${first.url}/health/live`)).status).toBe(200);
    await killed(first.child, 'SIGTERM');
    const second = await runDemo(dataDir);
    await killed(second.child, 'SIGTERM');

    const { appended, invalid, ...refused } = first.outcomes;
    expect(appended).toBeGreaterThan(50);
    // The one deliberate reuse of a messageId with other content, and the reversal of an unknown deal.
    expect(refused).toEqual({ 'rejected:message-id-reused': 1, 'rejected:deal-not-booked': 1 });
    expect(second.outcomes).toEqual({ duplicate: appended, invalid, ...refused });
  }, 90_000);
});
