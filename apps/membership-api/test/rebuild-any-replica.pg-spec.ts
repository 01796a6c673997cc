import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminQuery, dropSchema, testDatabaseUrl, uniqueSchema } from '@partner-program/event-store/testing';
import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// Several instances coordinating through PostgreSQL (DATABASE_URL): an --api-only replica has no
// projector, yet `POST /v1/admin/projections/rebuild` works there; the process leading the
// projector does the rebuild, and once it has gone, the one elected next. All share one DATA_DIR
// here (the read models are SQLite on this branch); the coordination schema is the test's own.

// Every schema of these apps under the test's own prefix; the coordination one is queried below.
const prefix = `${uniqueSchema()}_`;
const schema = `${prefix}coordination`;
const dataDir = mkdtempSync(join(tmpdir(), 'pp-replicas-'));
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await dropSchema(schema);
});
const env = () => ({ DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA_PREFIX: prefix });

describe('rebuild from any replica (DATABASE_URL)', () => {
  it('the replica answers 200 with the leader’s rebuild, then with its successor’s; with no leader, 503 with Retry-After and the request kept pending', async () => {
    const leads = async (app: TestApp) => /^pp_is_leader\{duty="projector"\} 1$/m.test((await app.http.get('/metrics').expect(200)).text);
    const untilLeads = async (app: TestApp) => {
      for (let i = 0; i < 100 && !(await leads(app)); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    const leader = await startTestApp({ dataDir, env: env() });
    await untilLeads(leader); // elected before the standby competes
    const standby = await startTestApp({ dataDir, env: env() });
    const replica = await startTestApp({ dataDir, background: false, env: env() });
    try {
      const posted = await replica.http
        .post('/v1/events')
        .set(replica.as('publisher'))
        .send({ events: goodStandingEnvelopes('P-REPLICA-1') })
        .expect(200);
      const position = Math.max(...posted.body.results.map((r: { position: number }) => r.position));
      await replica.http.get(`/v1/partners/P-REPLICA-1?minPosition=${position}`).set(replica.as('reader')).expect(200);

      const rebuilt = await replica.http.post('/v1/admin/projections/rebuild').set(replica.as('admin')).expect(200);
      expect(rebuilt.body).toEqual({ rebuilt: true, events: position, ms: expect.any(Number), position });
      const { rows } = await adminQuery(`SELECT requested_by_role, state FROM "${schema}".rebuild_requests`);
      expect(rows).toEqual([{ requested_by_role: 'admin', state: 'done' }]);
      expect([await leads(leader), await leads(standby)]).toEqual([true, false]);

      // Written after the swap: the leader applies it to the new tables, the replica reads them.
      const later = await replica.http
        .post('/v1/events')
        .set(replica.as('publisher'))
        .send(envelope('CreditsBooked', 'P-REPLICA-1', { dealId: 'D-1', area: 'vmc-on-aws', credits: 1_000 }, '2026-05-01T00:00:00Z'))
        .expect(201);
      const status = await replica.http.get(`/v1/partners/P-REPLICA-1?minPosition=${later.body.position}`).set(replica.as('reader')).expect(200);
      expect(status.body.areas['vmc-on-aws'].credits).toBe(1_000);

      await leader.app.close();
      await untilLeads(standby);
      const bySuccessor = await replica.http.post('/v1/admin/projections/rebuild').set(replica.as('admin')).expect(200);
      expect(bySuccessor.body).toEqual({ rebuilt: true, events: later.body.position, ms: expect.any(Number), position: later.body.position });
      expect((await replica.http.get('/v1/partners/P-REPLICA-1').set(replica.as('reader')).expect(200)).body.areas['vmc-on-aws'].credits).toBe(1_000);

      await standby.app.close();
      const refused = await replica.http.post('/v1/admin/projections/rebuild').set(replica.as('admin')).expect(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.body.message).toMatch(/no projector leads .* stays pending, retry later/);
      expect((await adminQuery(`SELECT state, epoch::int AS epoch FROM "${schema}".rebuild_requests ORDER BY id`)).rows).toEqual([
        { state: 'done', epoch: 1 },
        { state: 'done', epoch: 2 },
        { state: 'pending', epoch: null },
      ]);
    } finally {
      await replica.close();
      // Closed already unless a step above failed.
      await Promise.all([leader.app.close(), standby.app.close()]).catch(() => undefined);
    }
  }, 60_000);
});
