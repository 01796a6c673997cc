import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_KEY, type ApiProcess, freePort, killed, startApi } from './api-process';

// SIGKILL the service during a bulk replay of refusals (each one's fact is appended, then its
// attempt recorded, each with its own fsync: a kill falls between the two about as often as not),
// in several rounds; after the last restart on the same DATA_DIR every refusal replayed again ends
// appended, its fact stored exactly once in the partner's stream, one appended attempt on it.

const PARTNERS = Array.from({ length: 200 }, (_, i) => `P-REPLAY-CRASH-${i}`);
const auth = { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' };
const reversalOf = (partnerId: string) => ({
  messageId: `rc-rev-${partnerId}`,
  type: 'CreditsReversed',
  partnerId,
  occurredAt: '2026-03-01T00:00:00Z',
  source: 'crash-test',
  data: { dealId: 'D-1' },
});
const bookingOf = (partnerId: string) => ({
  ...reversalOf(partnerId),
  messageId: `rc-book-${partnerId}`,
  type: 'CreditsBooked',
  data: { dealId: 'D-1', area: 'vmc-on-aws', credits: 10 },
});

type Rejection = { id: number; messageId: string; replays?: { outcome: string }[] };

async function call<T>(api: ApiProcess, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${api.url}${path}`, { method, headers: auth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('replays across a SIGKILL (built service)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-replay-crash-'));
  let api: ApiProcess | undefined;
  afterAll(async () => {
    if (api) await killed(api.child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores each replayed fact once and records one appended attempt on each rejection', async () => {
    api = await startApi(dataDir, await freePort());
    const refused = await call<{ results: { position: number }[] }>(api, 'POST', '/v1/events', { events: PARTNERS.map(reversalOf) });
    await call(api, 'POST', '/v1/events', { events: PARTNERS.map(bookingOf) });
    const last = Math.max(...refused.results.map((r) => r.position));
    const { items } = await call<{ items: Rejection[] }>(api, 'GET', `/v1/rejections?limit=500&minPosition=${last}`);
    expect(items).toHaveLength(PARTNERS.length);

    for (let round = 0; round < 3; round++) {
      const bulk = call(api, 'POST', '/v1/rejections/replay', { source: 'crash-test', limit: 500 }).catch(() => undefined);
      // Killed as soon as the round has recorded one more attempt: mid-bulk.
      const recorded = async () => (await call<{ items: Rejection[] }>(api!, 'GET', '/v1/rejections?limit=500')).items.filter((r) => r.replays).length;
      const start = await recorded();
      while ((await recorded()) === start) await new Promise((resolve) => setTimeout(resolve, 5));
      await killed(api.child, 'SIGKILL');
      await bulk;
      api = await startApi(dataDir, await freePort());
    }

    for (const { id } of items) expect(await call<{ outcome: string }>(api, 'POST', `/v1/rejections/${id}/replay`)).toMatchObject({ outcome: 'appended' });
    const after = await call<{ items: Rejection[] }>(api, 'GET', '/v1/rejections?limit=500');
    for (const rejection of after.items)
      expect([rejection.messageId, rejection.replays?.filter((r) => r.outcome === 'appended').length]).toEqual([rejection.messageId, 1]);
    for (const partnerId of PARTNERS) {
      const history = await call<{ items: { type: string }[] }>(api, 'GET', `/v1/partners/${partnerId}/history`);
      expect([partnerId, history.items.map((e) => e.type)]).toEqual([partnerId, ['MessageRejected', 'CreditsBooked', 'CreditsReversed']]);
    }
  }, 90_000);
});
