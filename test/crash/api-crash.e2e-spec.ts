import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY, type ApiProcess, freePort, killed, startApi } from './api-process';

// SIGKILL the service while clients post; after a restart on the same DATA_DIR every acknowledged
// message is in the history exactly once, and the read models converge to what a rebuild gives.

const PARTNERS = Array.from({ length: 12 }, (_, i) => `P-CRASH-${i}`);
const auth = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };

function message(seq: number) {
  const partnerId = PARTNERS[seq % PARTNERS.length]!;
  const data = seq % 3 === 0
    ? { dealId: `D-${seq}`, area: 'vmc-on-aws', credits: 1000 + seq }
    : { courseId: 'vsp-foundation', learnerId: `L-${seq}` };
  return { messageId: `crash-${seq}`, type: seq % 3 === 0 ? 'CreditsBooked' : 'TrainingCompleted', partnerId, occurredAt: '2026-03-01T00:00:00Z', source: 'crash-test', data };
}

async function postUntilKilled(api: ApiProcess, from: number, acknowledged: Map<string, number>, stop: () => boolean): Promise<number> {
  let seq = from;
  const client = async () => {
    while (!stop()) {
      const batch = Array.from({ length: 1 + (seq % 5) }, () => message(seq++));
      const response = await fetch(`${api.url}/v1/events`, { method: 'POST', headers: auth, body: JSON.stringify({ events: batch }) }).catch(() => undefined);
      if (!response?.ok) return;
      const body = (await response.json().catch(() => undefined)) as { results: { messageId: string; outcome: string; position: number }[] } | undefined;
      for (const result of body?.results ?? []) if (result.outcome === 'appended' || result.outcome === 'duplicate') acknowledged.set(result.messageId, result.position);
    }
  };
  await Promise.all(Array.from({ length: 8 }, client));
  return seq;
}

async function json(api: ApiProcess, path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const response = await fetch(`${api.url}${path}`, { headers: auth, ...init });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

async function historyCounts(api: ApiProcess): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const partnerId of PARTNERS) {
    for (let from: number | null = 0; from !== null; ) {
      const response = await fetch(`${api.url}/v1/partners/${partnerId}/history?from=${from}&limit=1000`, { headers: auth });
      if (response.status === 404) break;
      const page = (await response.json()) as { items: { messageId: string }[]; nextFrom: number | null };
      for (const item of page.items) counts.set(item.messageId, (counts.get(item.messageId) ?? 0) + 1);
      from = page.nextFrom;
    }
  }
  return counts;
}

describe('crash safety of the running service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged message and stores none twice across SIGKILLs', async () => {
    const port = await freePort();
    const acknowledged = new Map<string, number>();
    let seq = 0;
    for (let round = 0; round < 3; round++) {
      const api = await startApi(dataDir, port);
      let stop = false;
      const posting = postUntilKilled(api, Math.max(0, seq - 20), acknowledged, () => stop);
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 900));
      await killed(api.child, 'SIGKILL');
      stop = true;
      seq = await posting;
    }
    const api = await startApi(dataDir, port);
    try {
      expect(acknowledged.size).toBeGreaterThan(50);
      const counts = await historyCounts(api);
      for (const [messageId] of acknowledged) expect([messageId, counts.get(messageId)]).toEqual([messageId, 1]);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      const head = Math.max(...acknowledged.values());
      const live = await Promise.all(PARTNERS.map((id) => json(api, `/v1/partners/${id}?minPosition=${head}`)));
      await json(api, '/v1/admin/projections/rebuild', { method: 'POST' });
      const rebuilt = await Promise.all(PARTNERS.map((id) => json(api, `/v1/partners/${id}`)));
      expect(rebuilt.map(withoutEvaluatedAt)).toEqual(live.map(withoutEvaluatedAt));
    } finally {
      await killed(api.child, 'SIGTERM');
    }
  }, 120_000);
});

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-term-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on SIGTERM finishes in-flight appends, exits 0, and keeps every acknowledged message', async () => {
    const port = await freePort();
    const acknowledged = new Map<string, number>();
    const api = await startApi(dataDir, port);
    let stop = false;
    const posting = postUntilKilled(api, 0, acknowledged, () => stop);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exited = new Promise<number | null>((resolve) => api.child.once('exit', (code) => resolve(code)));
    api.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    stop = true;
    await posting;
    const again = await startApi(dataDir, port);
    try {
      const counts = await historyCounts(again);
      expect(acknowledged.size).toBeGreaterThan(10);
      for (const [messageId] of acknowledged) expect([messageId, counts.get(messageId)]).toEqual([messageId, 1]);
    } finally {
      await killed(again.child, 'SIGTERM');
    }
  }, 60_000);
});

function withoutEvaluatedAt(status: Record<string, unknown>) {
  const { evaluatedAt: _evaluatedAt, ...rest } = status;
  return rest;
}
