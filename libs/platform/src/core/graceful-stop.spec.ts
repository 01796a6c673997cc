import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from '@swc/core';

// stopGracefullyOn exits the process, so it runs in a child: a stop that hangs must say what it
// waits for and end (exit 1) instead of staying alive for ever.

const dir = mkdtempSync(join(tmpdir(), 'pp-graceful-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const source = readFileSync(join(__dirname, 'graceful-stop.ts'), 'utf8');
  const { code } = transformSync(source, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
  writeFileSync(join(dir, 'graceful-stop.js'), code);
});

function run(close: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const script = `
    const { stopGracefullyOn } = require('./graceful-stop.js');
    stopGracefullyOn(['SIGTERM'], () => ${close}, { timeoutMs: 800, reportEveryMs: 300, waitingFor: () => 'background tasks: projector' });
    setInterval(() => {}, 1000);
    process.stdout.write('ready\\n');`;
  const child = spawn(process.execPath, ['-e', script], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => {
    let signalled = 0;
    child.stdout.once('data', () => {
      signalled = Date.now();
      child.kill('SIGTERM');
    });
    child.once('exit', (code) => resolve({ code, stderr, ms: Date.now() - signalled }));
  });
}

describe('stopGracefullyOn', () => {
  it('exits 0 once close() resolves', async () => {
    const { code, stderr } = await run('Promise.resolve()');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('logs what a hanging stop waits for, then exits 1 at the deadline', async () => {
    const { code, stderr, ms } = await run('new Promise(() => {})');
    expect(code).toBe(1);
    expect(ms).toBeLessThan(5_000);
    expect(stderr).toMatch(/shutdown on SIGTERM: still waiting after \d+ s for background tasks: projector/);
    expect(stderr).toMatch(/shutdown on SIGTERM: gave up after 1 s waiting for background tasks: projector/);
  }, 10_000);
});
