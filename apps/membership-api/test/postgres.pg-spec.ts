import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminQuery, dropSchema, testDatabaseUrl } from '@partner-program/event-store/testing';
import { POSTGRES_POOL, validateEnvironment, postgresSchemas } from '@partner-program/platform';
import type { Pool } from 'pg';
import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// ── The whole app with EVENT_STORE=postgres: store, rejection log and pool in PostgreSQL ─────
// Read models stay SQLite on this branch (their PostgreSQL adapter comes with the read-model work).

describe('the app on PostgreSQL (EVENT_STORE=postgres)', () => {
  const prefix = `e2e_${randomBytes(4).toString('hex')}_`;
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: testDatabaseUrl(), DATABASE_POOL_SIZE: '4', DATABASE_SCHEMA_PREFIX: prefix };
  const schemas = postgresSchemas(validateEnvironment(env));
  let t: TestApp;
  const post = (body: unknown) =>
    t.http
      .post('/v1/events')
      .set(t.as('publisher'))
      .send(body as object);

  beforeAll(async () => {
    t = await startTestApp({ env });
  });
  afterAll(async () => {
    await t.close();
    for (const schema of Object.values(schemas)) await dropSchema(schema);
  });

  it('stores facts in its own schemas of DATABASE_URL and serves the status they lead to', async () => {
    const response = await post({ events: goodStandingEnvelopes('P-PG-1') }).expect(200);
    const positions = response.body.results.map((r: { outcome: string; position: number }) => (expect(r.outcome).toBe('appended'), r.position));
    const { rows } = await adminQuery(`SELECT count(*)::int AS n FROM "${schemas.eventStore}".events WHERE stream_id = 'partner-P-PG-1'`);
    expect(rows[0].n).toBe(5);
    const status = await t.http
      .get(`/v1/partners/P-PG-1?minPosition=${Math.max(...positions)}`)
      .set(t.as('reader'))
      .expect(200);
    expect(status.body).toMatchObject({ partnerId: 'P-PG-1', goodStanding: true, agreement: { agreementId: 'A-P-PG-1', status: 'active' } });
  });

  it('names the PostgreSQL-stored events behind a status as evidence, with their positions and recording times', async () => {
    const history = await t.http.get('/v1/partners/P-PG-1/history').set(t.as('auditor')).expect(200);
    const { body } = await t.http.get('/v1/partners/P-PG-1?evidence=true').set(t.as('auditor')).expect(200);
    const facts = body.requirements.flatMap((r: { evidence: { facts: { messageId: string }[] } }) => r.evidence.facts);
    expect(facts).toHaveLength(5);
    for (const fact of facts) {
      const { position, type, occurredAt, recordedAt, source, messageId } = history.body.items.find(
        (i: { messageId: string }) => i.messageId === fact.messageId,
      );
      expect(fact).toEqual({ messageId, position, type, occurredAt, recordedAt, source, why: expect.any(String) });
    }
  });

  it("lists invalid messages and the domain's refusals from the PostgreSQL rejection log", async () => {
    const bad = {
      messageId: 'pg-bad-1',
      type: 'CreditsBooked',
      partnerId: 'P-PG-2',
      occurredAt: '2026-02-01T10:00:00Z',
      source: 'crm',
      data: { dealId: 'D-1', area: 'quantum', credits: 5 },
    };
    await post(bad).expect(400);
    const refused = await post(envelope('CreditsReversed', 'P-PG-2', { dealId: 'D-404' })).expect(422);
    const listed = await t.http.get(`/v1/rejections?minPosition=${refused.body.position}`).set(t.as('admin')).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ messageId: 'pg-bad-1', outcome: 'invalid', code: 'invalid', payload: JSON.stringify(bad) }),
      expect.objectContaining({ outcome: 'rejected', code: 'deal-not-booked', partnerId: 'P-PG-2', position: refused.body.position }),
    ]);
    const { rows } = await adminQuery(`SELECT count(*)::int AS n FROM "${schemas.rejectionLog}".rejections`);
    expect(rows[0].n).toBe(2);
  });

  it('replays a refusal after its fix: appended once, the attempt kept in the PostgreSQL log', async () => {
    const reversal = envelope('CreditsReversed', 'P-PG-3', { dealId: 'D-1' }, '2026-03-01T00:00:00Z');
    const refused = await post(reversal).expect(422);
    await post(envelope('CreditsBooked', 'P-PG-3', { dealId: 'D-1', area: 'vmc-on-aws', credits: 10 })).expect(201);
    const listed = await t.http.get(`/v1/rejections?minPosition=${refused.body.position}`).set(t.as('admin')).expect(200);
    const { id } = listed.body.items.find((r: { messageId: string }) => r.messageId === reversal.messageId);
    const first = await t.http.post(`/v1/rejections/${id}/replay`).set(t.as('admin')).expect(200);
    expect(first.body).toMatchObject({ id, outcome: 'appended', by: { role: 'admin', keyId: 'admin-1' } });
    expect((await t.http.post(`/v1/rejections/${id}/replay`).set(t.as('admin')).expect(200)).body).toEqual(first.body);
    const stored = await adminQuery(`SELECT count(*)::int AS n FROM "${schemas.eventStore}".events WHERE message_id = $1 AND type = 'CreditsReversed'`, [
      reversal.messageId,
    ]);
    expect(stored.rows[0].n).toBe(1);
    const replays = await adminQuery(`SELECT outcome, role, key_id FROM "${schemas.rejectionLog}".rejection_replays WHERE rejection_id = $1`, [id]);
    expect(replays.rows).toEqual([{ outcome: 'appended', role: 'admin', key_id: 'admin-1' }]);
  });

  it('is ready while PostgreSQL answers, and says `not ready: postgres` once it does not', async () => {
    const ready = await t.http.get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ postgres: { status: 'up' }, eventStore: { status: 'up' } });
    // The pool ended under the app: every query fails, as with the database gone.
    await t.app.get<symbol, Pool>(POSTGRES_POOL, { strict: false }).end();
    const down = await t.http.get('/health/ready').expect(503);
    expect(down.body.message).toMatch(/^not ready: .*postgres/);
  });
});

describe('a second start on the same schemas', () => {
  const prefix = `e2e_${randomBytes(4).toString('hex')}_`;
  const env = { EVENT_STORE: 'postgres', DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA_PREFIX: prefix };
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-pg-e2e-'));
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    for (const schema of Object.values(postgresSchemas(validateEnvironment(env)))) await dropSchema(schema);
  });

  it('finds what the first stored: events, kept rejections, the refusal checkpoint', async () => {
    const first = await startTestApp({ env, dataDir });
    await first.http.post('/v1/events').set(first.as('publisher')).send({ messageId: 'again-bad', type: 'Nope' }).expect(400);
    const refused = await first.http
      .post('/v1/events')
      .set(first.as('publisher'))
      .send(envelope('CreditsReversed', 'P-PG-3', { dealId: 'D-1' }))
      .expect(422);
    await first.http.get(`/v1/rejections?minPosition=${refused.body.position}`).set(first.as('admin')).expect(200);
    await first.close();

    const second = await startTestApp({ env, dataDir });
    try {
      const listed = await second.http.get(`/v1/rejections?minPosition=${refused.body.position}`).set(second.as('admin')).expect(200);
      expect(listed.body.items.map((item: { messageId?: string; code: string }) => item.messageId ?? item.code)).toEqual([
        'again-bad',
        expect.stringMatching(/^msg-/),
      ]);
      const history = await second.http.get('/v1/partners/P-PG-3/history').set(second.as('auditor')).expect(200);
      expect(history.body.items.map((item: { type: string }) => item.type)).toEqual(['MessageRejected']);
    } finally {
      await second.close();
    }
  });
});
