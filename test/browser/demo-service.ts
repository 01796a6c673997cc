import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoMessages, demoProgrammeEnd, loadMessages } from '../../scripts/demo-programme';
import { freePort, killed, startApi } from '../crash/api-process';

// ── The built service (dist/) with the demo programme loaded, for the browser and the screenshots ─

export const DEMO_KEYS = {
  admin: 'admin-dashboard-key-0123456789',
  auditor: 'auditor-dashboard-key-012345678',
  reader: 'reader-dashboard-key-0123456789',
  publisher: 'publisher-dashboard-key-0123456',
} as const;

export type DemoService = Readonly<{ url: string; keys: typeof DEMO_KEYS; stop: () => Promise<void> }>;

export async function startDemoService(partners = 40): Promise<DemoService> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-dashboard-'));
  const api = await startApi(dataDir, await freePort(), {
    env: {
      API_KEYS: Object.entries(DEMO_KEYS)
        .map(([role, key]) => `${role}:${key}`)
        .join(','),
    },
  });
  const now = new Date();
  const { last } = await loadMessages({ url: api.url, key: DEMO_KEYS.admin }, demoMessages(partners, demoProgrammeEnd(dataDir, now), now));
  // Read-your-writes: the pages read the read models, which must have caught up with the load.
  const caughtUp = await fetch(`${api.url}/v1/badges?minPosition=${last}`, { headers: { Authorization: `Bearer ${DEMO_KEYS.admin}` } });
  if (!caughtUp.ok) throw new Error(`the read models did not catch up with position ${last}: ${caughtUp.status}`);
  return {
    url: api.url,
    keys: DEMO_KEYS,
    stop: async () => {
      await killed(api.child, 'SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
