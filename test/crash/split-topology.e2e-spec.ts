import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY, freePort, killed, startApi } from './api-process';

// The scale-out topology with the built apps: `start:api` (--api-only) and `start:projector` on
// one DATA_DIR. A rebuild is asked of the projector process (`--rebuild`), not of the API.

const PROJECTOR = join(__dirname, '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');
const headers = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };

function startProjector(dataDir: string, args: string[]) {
  let output = '';
  const child = spawn(process.execPath, [PROJECTOR, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error', SCHEDULER_INTERVAL_MS: '3600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const waitFor = async (pattern: RegExp) => {
    const deadline = Date.now() + 30_000;
    while (!pattern.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`projector: no ${pattern} in: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, waitFor };
}

describe('scale-out topology', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-split-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('start:projector -- --rebuild rebuilds while following; the API refuses a rebuild with 409', async () => {
    const api = await startApi(dataDir, await freePort(), { args: ['--api-only'] });
    const first = startProjector(dataDir, []);
    try {
      const events = Array.from({ length: 30 }, (_, i) => ({
        messageId: `split-${i}`,
        type: 'CreditsBooked',
        partnerId: `P-SPLIT-${i % 3}`,
        occurredAt: '2026-03-01T00:00:00Z',
        source: 'split-test',
        data: { dealId: `D-${i}`, area: 'vmc-on-aws', credits: 100 },
      }));
      const posted = await fetch(`${api.url}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ events }) });
      expect(posted.status).toBe(200);
      const refused = await fetch(`${api.url}/v1/admin/projections/rebuild`, { method: 'POST', headers });
      expect(refused.status).toBe(409);
      await killed(first.child, 'SIGTERM');
      const rebuilding = startProjector(dataDir, ['--rebuild']);
      try {
        await rebuilding.waitFor(/rebuilt every read model from 30 events/);
        const status = await fetch(`${api.url}/v1/partners/P-SPLIT-1?minPosition=30`, { headers });
        expect(status.status).toBe(200);
        expect(((await status.json()) as { areas: Record<string, { credits: number }> }).areas['vmc-on-aws']!.credits).toBe(1_000);
      } finally {
        await killed(rebuilding.child, 'SIGTERM');
      }
    } finally {
      await killed(first.child, 'SIGTERM');
      await killed(api.child, 'SIGTERM');
    }
  }, 60_000);
});
