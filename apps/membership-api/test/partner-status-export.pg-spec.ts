import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { PostgresEventStore } from '@partner-program/event-store';
import { dropSchema, testDatabaseUrl } from '@partner-program/event-store/testing';
import { postgresSchemas, validateEnvironment } from '@partner-program/platform';
import { spyOnExportReads } from './export-reads';
import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// ── The partner-status export on the PostgreSQL store: the same snapshot, through the same port ─

const reads = spyOnExportReads(PostgresEventStore.prototype);

describe('partner-status export on PostgreSQL (EVENT_STORE=postgres)', () => {
  const prefix = `export_${randomBytes(4).toString('hex')}_`;
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: testDatabaseUrl(), DATABASE_POOL_SIZE: '4', DATABASE_SCHEMA_PREFIX: prefix };
  const schemas = postgresSchemas(validateEnvironment(env));
  const auditor = { Authorization: 'Bearer auditor-key-0123456789abcd' };
  let t: TestApp;
  let base: string;
  const exported = (query: string) => fetch(`${base}/v1/exports/partner-status${query}`, { headers: auditor });
  const publish = async (events: object[]) => {
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    expect(body.results.every((r: { outcome: string }) => r.outcome === 'appended')).toBe(true);
  };

  beforeAll(async () => {
    t = await startTestApp({ env, now: '2026-03-15T00:00:00.000Z' });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await publish([...goodStandingEnvelopes('P-PGX-2'), ...goodStandingEnvelopes('P-PGX-1'), ...goodStandingEnvelopes('P-PGX-3')]);
  });
  afterEach(() => reads.reset());
  afterAll(async () => {
    reads.restore();
    await t.close();
    for (const schema of Object.values(schemas)) await dropSchema(schema);
  });

  it('exports every partner of the store in id order, each row its asOf status', async () => {
    const response = await exported('?asOf=2026-03-10');
    const rows = (await response.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { partnerId: string; position: number });
    expect(rows.map((row) => row.partnerId)).toEqual(['P-PGX-1', 'P-PGX-2', 'P-PGX-3']);
    const single = await t.http.get('/v1/partners/P-PGX-3?asOf=2026-03-10T23:59:59.999Z').set(t.as('auditor')).expect(200);
    expect(rows[2]).toEqual({ ...single.body, knownAt: null });
    expect(response.headers.get('x-log-position')).toBe(String(Math.max(...rows.map((row) => row.position))));
  });

  it('is one snapshot: what is appended while it runs stays out', async () => {
    const before = await (await exported('?asOf=2026-12-01&format=csv')).text();
    const held = reads.holdAt(2);
    const slow = exported('?asOf=2026-12-01&format=csv');
    await held.reached();
    await publish([envelope('SolutionCompetencyEarned', 'P-PGX-2', { competency: 'vmc-on-aws' }, '2026-03-02T00:00:00Z'), ...goodStandingEnvelopes('P-PGX-0')]);
    held.release();
    expect(await (await slow).text()).toBe(before);
    const after = (await (await exported('?asOf=2026-12-01&format=csv')).text()).trimEnd().split('\n');
    expect(after.map((line) => line.split(',')[0])).toEqual(['partnerId', 'P-PGX-0', 'P-PGX-1', 'P-PGX-2', 'P-PGX-3']);
  });
});
