import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '../../libs/platform/src/leadership/testing/terms';
import { ADMIN_KEY, type ApiProcess, freePort, killed, startApi } from './api-process';

// SIGKILL the service while clients post; after a restart on the same DATA_DIR every acknowledged
// message is in the history exactly once, every answer a client got (re-sent messages included)
// agrees with what is stored, and the read models converge to what a rebuild gives.

const PARTNERS = Array.from({ length: 12 }, (_, i) => `P-CRASH-${i}`);
const auth = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };

/**
 * Messages in groups of six for one partner: a reversal sent before its deal's booking (refused,
 * and refused still when re-sent after the booking is stored), the booking, then trainings.
 */
function message(seq: number) {
  const group = Math.floor(seq / 6);
  const partnerId = PARTNERS[group % PARTNERS.length]!;
  const [type, data] = {
    0: ['CreditsReversed', { dealId: `D-${group}` }],
    1: ['CreditsBooked', { dealId: `D-${group}`, area: 'vmc-on-aws', credits: 1000 + seq }],
  }[seq % 6] ?? ['TrainingCompleted', { courseId: 'vsp-foundation', learnerId: `L-${seq}` }];
  return { messageId: `crash-${seq}`, type, partnerId, occurredAt: '2026-03-01T00:00:00Z', source: 'crash-test', data };
}

type Result = { messageId: string; outcome: string; position: number; code?: string };

/** What a result says is stored for its message: a fact, or the domain's refusal with its code. */
const told = (result: Result) => (result.outcome === 'rejected' ? `rejected:${result.code}` : 'stored');

/** Clients post batches until the service dies; every answer is noted (re-sent messages are answered again). */
async function postUntilKilled(
  api: ApiProcess,
  from: number,
  answers: Map<string, Set<string>>,
  acknowledged: Map<string, number>,
  stop: () => boolean,
): Promise<number> {
  let seq = from;
  const client = async () => {
    while (!stop()) {
      const batch = Array.from({ length: 1 + (seq % 5) }, () => message(seq++));
      const response = await fetch(`${api.url}/v1/events`, { method: 'POST', headers: auth, body: JSON.stringify({ events: batch }) }).catch(() => undefined);
      if (!response?.ok) return;
      const body = (await response.json().catch(() => undefined)) as { results: Result[] } | undefined;
      for (const result of body?.results ?? []) {
        answers.set(result.messageId, (answers.get(result.messageId) ?? new Set()).add(told(result)));
        if (result.outcome === 'appended' || result.outcome === 'duplicate') acknowledged.set(result.messageId, result.position);
      }
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

/** Per messageId, what the partners' histories hold: `stored`, `rejected:<code>`, or the records it has twice. */
async function historyRecords(api: ApiProcess): Promise<Map<string, string>> {
  const records = new Map<string, string>();
  for (const partnerId of PARTNERS) {
    for (let from: number | null = 0; from !== null;) {
      const response = await fetch(`${api.url}/v1/partners/${partnerId}/history?from=${from}&limit=1000`, { headers: auth });
      if (response.status === 404) break;
      const page = (await response.json()) as { items: { messageId: string; type: string; data: { code?: string } }[]; nextFrom: number | null };
      for (const item of page.items) {
        const record = item.type === 'MessageRejected' ? `rejected:${item.data.code}` : 'stored';
        records.set(item.messageId, records.has(item.messageId) ? `twice: ${records.get(item.messageId)}, ${record}` : record);
      }
      from = page.nextFrom;
    }
  }
  return records;
}

describe('crash safety of the running service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged message and stores none twice across SIGKILLs', async () => {
    const port = await freePort();
    const acknowledged = new Map<string, number>();
    const answers = new Map<string, Set<string>>();
    let seq = 0;
    for (let round = 0; round < 3; round++) {
      const api = await startApi(dataDir, port);
      let stop = false;
      // Each restart re-sends the last messages, as a client does whose requests died with the service.
      const posting = postUntilKilled(api, Math.max(0, seq - 30), answers, acknowledged, () => stop);
      // Killed once this round has new acknowledgements, then at a random moment: by count, not
      // by time alone, so a slow (loaded) machine still kills mid-stream with work to check.
      const before = acknowledged.size;
      await eventually(
        () => (acknowledged.size >= before + 20 ? true : undefined),
        60_000,
        () => `(${acknowledged.size - before} new acknowledgements)`,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 900));
      await killed(api.child, 'SIGKILL');
      stop = true;
      seq = await posting;
    }
    const api = await startApi(dataDir, port);
    try {
      expect(acknowledged.size).toBeGreaterThan(50);
      const records = await historyRecords(api);
      // Every answer a client got, before or after a crash, is what the store holds, and only that.
      for (const [messageId, said] of answers) expect([messageId, [...said]]).toEqual([messageId, [records.get(messageId)]]);
      expect([...records.values()].filter((record) => record.startsWith('twice'))).toEqual([]);
      expect([...answers.values()].filter((said) => said.has('rejected:deal-not-booked')).length).toBeGreaterThan(0);
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
    const posting = postUntilKilled(api, 0, new Map(), acknowledged, () => stop);
    await eventually(() => (acknowledged.size > 10 ? true : undefined), 60_000);
    const exited = new Promise<number | null>((resolve) => api.child.once('exit', (code) => resolve(code)));
    api.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    stop = true;
    await posting;
    const again = await startApi(dataDir, port);
    try {
      const records = await historyRecords(again);
      expect(acknowledged.size).toBeGreaterThan(10);
      for (const [messageId] of acknowledged) expect([messageId, records.get(messageId)]).toEqual([messageId, 'stored']);
    } finally {
      await killed(again.child, 'SIGTERM');
    }
  }, 60_000);
});

function withoutEvaluatedAt(status: Record<string, unknown>) {
  const { evaluatedAt: _evaluatedAt, ...rest } = status;
  return rest;
}
