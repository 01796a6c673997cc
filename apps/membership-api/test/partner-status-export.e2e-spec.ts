import type { AddressInfo } from 'node:net';
import { SqliteEventStore } from '@partner-program/event-store';
import { ShutdownCoordinator } from '@partner-program/platform';
import { spyOnExportReads } from './export-reads';
import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// ── GET /v1/exports/partner-status: one snapshot of the log, streamed, bounded, stoppable ──────

const reads = spyOnExportReads(SqliteEventStore.prototype);

describe('partner-status export', () => {
  let t: TestApp;
  let base: string;
  const auditor = { Authorization: 'Bearer auditor-key-0123456789abcd' };

  const get = (query: string, headers: Record<string, string> = auditor, signal?: AbortSignal) =>
    fetch(`${base}/v1/exports/partner-status${query}`, { headers, ...(signal ? { signal } : {}) });
  const ndjson = async (query: string) => {
    const response = await get(query);
    expect(response.status).toBe(200);
    const lines = (await response.text()).split('\n');
    expect(lines.pop()).toBe('');
    return { response, rows: lines.map((line) => JSON.parse(line) as Record<string, unknown> & { partnerId: string }) };
  };
  const publish = async (events: object[]) => {
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    expect(body.results.every((r: { outcome: string }) => r.outcome === 'appended')).toBe(true);
    return Math.max(...body.results.map((r: { position: number }) => r.position));
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-15T00:00:00.000Z', env: { EXPORTS_AT_ONCE: '1' } });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Recorded on 15 March: two partners in good standing, one of them with a competency dated late on 10 March.
    await publish([
      ...goodStandingEnvelopes('P-EXP-B'),
      ...goodStandingEnvelopes('P-EXP-A'),
      envelope('SolutionCompetencyEarned', 'P-EXP-A', { competency: 'vmc-on-aws' }, '2026-03-10T22:30:00Z'),
    ]);
  });
  afterEach(() => reads.reset());
  afterAll(async () => {
    reads.restore();
    await t.close();
  });

  it("streams every partner's asOf status as NDJSON, in id order, with the log position it reflects", async () => {
    const head = await t.http.get('/v1/partners/P-EXP-A/history').set(t.as('auditor')).expect(200);
    const { response, rows } = await ndjson('?asOf=2026-03-10');
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('x-as-of')).toBe('2026-03-10T23:59:59.999Z');
    expect(response.headers.get('x-partners')).toBe('2');
    expect(response.headers.get('x-known-at')).toBeNull();
    expect(rows.map((row) => row.partnerId)).toEqual(['P-EXP-A', 'P-EXP-B']);
    // A date is the end of that day: the competency of 22:30 counts. Each row is the asOf status of that time.
    const single = await t.http.get('/v1/partners/P-EXP-A?asOf=2026-03-10T23:59:59.999Z').set(t.as('auditor')).expect(200);
    expect(rows[0]).toEqual({ ...single.body, knownAt: null });
    expect(rows[0]!['areas']).toMatchObject({ 'vmc-on-aws': { tier: 'partner' } });
    expect(rows[0]!['position']).toBe(head.body.items.at(-1).position);
    expect(response.headers.get('x-log-position')).toBe(String(rows[0]!['position']));
  });

  it('reads a date in the given time zone: the end of 10 March in New York is 04:00Z on the 11th', async () => {
    const { response, rows } = await ndjson('?asOf=2026-03-10&tz=America/New_York');
    expect(response.headers.get('x-as-of')).toBe('2026-03-11T03:59:59.999Z');
    expect(rows[0]!['evaluatedAt']).toBe('2026-03-11T03:59:59.999Z');
    const before = await ndjson('?asOf=2026-03-10T22:00:00Z');
    expect(before.rows[0]!['areas']).toMatchObject({ 'vmc-on-aws': { tier: null } });
  });

  it('as known at a time: facts recorded later are left out, a partner recorded later has no row', async () => {
    t.clock.now = new Date('2026-04-01T00:00:00.000Z');
    await publish([
      envelope('MasterServicesCompetencyEarned', 'P-EXP-A', { competency: 'vmc-on-aws' }, '2026-03-05T00:00:00Z'),
      ...goodStandingEnvelopes('P-EXP-C'),
    ]);
    const now = await ndjson('?asOf=2026-03-20');
    expect(now.rows.map((row) => row.partnerId)).toEqual(['P-EXP-A', 'P-EXP-B', 'P-EXP-C']);
    expect(now.rows[0]!['entitlements']).toMatchObject({ mscIncentives: ['vmc-on-aws'] });
    const then = await ndjson('?asOf=2026-03-20&knownAt=2026-03-15');
    expect(then.response.headers.get('x-known-at')).toBe('2026-03-15T23:59:59.999Z');
    expect(then.rows.map((row) => row.partnerId)).toEqual(['P-EXP-A', 'P-EXP-B']);
    expect(then.rows[0]).toMatchObject({ knownAt: '2026-03-15T23:59:59.999Z', entitlements: { mscIncentives: [] } });
    expect(then.rows[0]!['position']).toBeLessThan(now.rows[0]!['position'] as number);
    expect(then.rows[1]).toEqual({ ...now.rows[1], knownAt: '2026-03-15T23:59:59.999Z' });
  });

  it('writes CSV for format=csv or Accept: text/csv (the parameter wins), one flat record per partner', async () => {
    const byAccept = await get('?asOf=2026-03-20', { ...auditor, Accept: 'text/csv' });
    expect(byAccept.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const csv = await byAccept.text();
    const [header, first] = csv.split('\n');
    expect(header).toMatch(/^partnerId,evaluatedAt,knownAt,position,ruleset,programme,goodStanding,unmetRequirements,agreementId,/);
    expect(header).toContain(',vmc-on-aws.tier,vmc-on-aws.credits,vmc-on-aws.badge,');
    const cells = Object.fromEntries(header!.split(',').map((name, i) => [name, first!.split(',')[i]]));
    expect(cells).toMatchObject({
      partnerId: 'P-EXP-A',
      ruleset: 'partner-connect-fy21',
      goodStanding: 'true',
      'vmc-on-aws.tier': 'partner',
      mscIncentives: 'vmc-on-aws',
    });
    expect(csv.trimEnd().split('\n')).toHaveLength(4);
    const overridden = await get('?asOf=2026-03-20&format=ndjson', { ...auditor, Accept: 'text/csv' });
    expect(overridden.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    await overridden.text();
    const asked = await get('?asOf=2026-03-20&format=csv', { ...auditor, Accept: 'application/x-ndjson' });
    expect(await asked.text()).toBe(csv);
  });

  it('is one snapshot: events appended while a slow export runs are not in it', async () => {
    const before = await (await get('?asOf=2026-12-01')).text();
    // The export holds after its first partner until the appends below are stored.
    const held = reads.holdAt(2);
    const slow = get('?asOf=2026-12-01');
    await held.reached();
    await publish([
      envelope('SolutionCompetencyEarned', 'P-EXP-B', { competency: 'vmc-on-aws' }, '2026-03-02T00:00:00Z'),
      envelope('SolutionCompetencyEarned', 'P-EXP-C', { competency: 'vmc-on-aws' }, '2026-03-02T00:00:00Z'),
      ...goodStandingEnvelopes('P-EXP-D'),
    ]);
    held.release();
    const response = await slow;
    expect(await response.text()).toBe(before);
    const after = await ndjson('?asOf=2026-12-01');
    expect(after.rows.map((row) => row.partnerId)).toEqual(['P-EXP-A', 'P-EXP-B', 'P-EXP-C', 'P-EXP-D']);
    expect(Number(after.response.headers.get('x-log-position'))).toBeGreaterThan(Number(response.headers.get('x-log-position')));
  });

  it('stops reading partners when the client goes away, and frees its slot', async () => {
    await publish(Array.from({ length: 200 }, (_, i) => envelope('DueDiligenceCompleted', `P-EXP-M${String(i).padStart(3, '0')}`, { outcome: 'approved' })));
    reads.slowBy(5);
    const readsBefore = reads.count();
    const abort = new AbortController();
    const response = await get('?asOf=2026-12-01', auditor, abort.signal);
    expect(Number(response.headers.get('x-partners'))).toBe(204);
    await response.body!.getReader().read();
    abort.abort();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const readsAtStop = reads.count() - readsBefore;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reads.count() - readsBefore).toBe(readsAtStop);
    expect(readsAtStop).toBeLessThan(150);
    // The one slot (EXPORTS_AT_ONCE=1) is free again.
    reads.reset();
    const next = await get('?asOf=2026-12-01&knownAt=2026-01-01');
    expect(next.status).toBe(200);
    expect(await next.text()).toBe('');
  }, 15_000);

  it('answers 429 with Retry-After while the process runs as many exports as it may', async () => {
    const held = reads.holdAt(1);
    const running = get('?asOf=2026-12-01');
    await held.reached();
    const refused = await get('?asOf=2026-12-01');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.json()).toMatchObject({ statusCode: 429, message: expect.stringContaining('1 exports are running') });
    held.release();
    const answered = await running;
    expect(answered.status).toBe(200);
    expect((await answered.text()).trimEnd().split('\n')).toHaveLength(204);
  });

  it('ends with an error line when a partner cannot be read after the headers went out', async () => {
    reads.failAt(3);
    const text = await (await get('?asOf=2026-12-01')).text();
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const last = JSON.parse(lines[2]!);
    expect(last).toEqual({ error: { message: expect.stringMatching(/^internal error after 2 rows; the export is incomplete \(request /), rows: 2 } });
    expect(text).not.toContain('disk on fire');
    reads.failAt(3);
    const csv = (await (await get('?asOf=2026-12-01&format=csv')).text()).trimEnd().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[3]).toMatch(/^#error,internal error after 2 rows/);
  });

  it('needs the auditor role (admin too) and names a bad parameter', async () => {
    expect((await get('', { Authorization: 'Bearer reader-key-0123456789abcde' })).status).toBe(403);
    const admin = await get('?knownAt=2026-01-01', { Authorization: 'Bearer admin-key-0123456789abcdef' });
    expect(admin.status).toBe(200);
    await admin.text();
    for (const [query, named] of [
      ['?format=xml', 'format'],
      ['?tz=Mars/Olympus', 'tz'],
      ['?asOf=yesterday', 'asOf'],
      ['?knownAt=2026-02-30', 'knownAt'],
    ] as const) {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ details: [expect.objectContaining({ path: named })] });
    }
  });

  // Last: it begins the app's shutdown.
  it('stops with a last line saying so when the service shuts down, and refuses new exports with 503', async () => {
    const held = reads.holdAt(2);
    const running = get('?asOf=2026-12-01');
    await held.reached();
    t.app.get(ShutdownCoordinator).beginShutdown();
    held.release();
    const lines = (await (await running).text()).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[2]!)).toEqual({
      error: { message: 'the service is shutting down: the export stopped after 2 rows and is incomplete; retry', rows: 2 },
    });
    const refused = await get('?asOf=2026-12-01');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
  });
});
