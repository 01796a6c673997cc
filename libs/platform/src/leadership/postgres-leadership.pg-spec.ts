import { FencedOutError, type FencingToken } from '@partner-program/event-store';
import { adminQuery, dropSchema, testDatabaseUrl, uniqueSchema } from '@partner-program/event-store/testing';
import type { LeadershipTerm } from './leadership';
import { PostgresLeadership, type PostgresLeadershipOptions } from './postgres-leadership';
import { eventually, recordTerms } from './testing/terms';

// Two processes' elections on the shared PostgreSQL: one leads, a standby takes over within
// seconds of the leader's connection dying, and fencing refuses what the old leader writes after.

const schemas: string[] = [];
afterAll(async () => Promise.all(schemas.map(dropSchema)));

type Candidate = Readonly<{ leadership: PostgresLeadership; terms: LeadershipTerm[]; errors: unknown[]; stop: () => Promise<void> }>;

function candidate(schema: string, options: Partial<PostgresLeadershipOptions> = {}): Candidate {
  const errors: unknown[] = [];
  const leadership = new PostgresLeadership({
    connectionString: testDatabaseUrl(),
    duty: 'projector',
    schema,
    onError: (error) => errors.push(error),
    ...options,
  });
  const shutdown = new AbortController();
  const { terms, done } = recordTerms(leadership, shutdown.signal);
  return { leadership, terms, errors, stop: async () => (shutdown.abort(), await done) };
}

/** The backend holding the election's advisory lock (the key is a bigint split over classid and objid). */
async function lockHolder(schema: string): Promise<number> {
  const { rows } = await adminQuery(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
    [`partner-program:${schema}:projector`],
  );
  return rows[0]!.pid as number;
}

/** A write fenced like the checkpoints: it carries the token, and an older token than the stored one changes nothing. */
async function fencedWrite(schema: string, token: FencingToken | bigint, value: string): Promise<void> {
  const epoch = typeof token === 'bigint' ? token : token();
  if (epoch === undefined) throw new FencedOutError('checkpoint test', undefined);
  const { rowCount } = await adminQuery(`UPDATE "${schema}".checkpoint SET value = $1, epoch = $2 WHERE epoch <= $2`, [value, epoch.toString()]);
  if (rowCount === 0) throw new FencedOutError('checkpoint test', epoch);
}

describe('PostgresLeadership', () => {
  it('elects exactly one of two candidates, with epoch 1 on a fresh schema', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    const [a, b] = [candidate(schema, { pollMs: 100 }), candidate(schema, { pollMs: 100 })];
    try {
      await eventually(() => a.leadership.token() ?? b.leadership.token(), 10_000);
      await new Promise((resolve) => setTimeout(resolve, 600)); // several polls of the standby
      const tokens = [a.leadership.token(), b.leadership.token()];
      expect(tokens.filter((token) => token !== undefined)).toEqual([1n]);
      expect(a.terms.length + b.terms.length).toBe(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 20_000);

  it('hands over within seconds when the leader’s connection is terminated; the old token is gone and fenced out', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    const [a, b] = [candidate(schema), candidate(schema)]; // default 1 s poll, 1 s heartbeat
    try {
      const first = await eventually(() => [a, b].find((c) => c.leadership.token() !== undefined), 10_000);
      const standby = first === a ? b : a;
      const oldEpoch = first.leadership.token()!;
      await adminQuery(`CREATE TABLE "${schema}".checkpoint (value text NOT NULL, epoch bigint NOT NULL)`);
      await adminQuery(`INSERT INTO "${schema}".checkpoint VALUES ('initial', 0)`);
      await fencedWrite(schema, first.leadership.token, 'written by the first leader');

      const killedAt = Date.now();
      await adminQuery('SELECT pg_terminate_backend($1)', [await lockHolder(schema)]);
      await eventually(() => (first.leadership.token() === undefined ? true : undefined), 3_000);
      expect(first.terms[0]!.signal.aborted).toBe(true);
      const newEpoch = await eventually(() => standby.leadership.token(), 5_000);
      const tookOverMs = Date.now() - killedAt;
      expect(newEpoch).toBeGreaterThan(oldEpoch);
      expect(tookOverMs).toBeLessThan(5_000);
      expect(first.errors.length).toBeGreaterThan(0);

      await fencedWrite(schema, standby.leadership.token, 'written by the new leader');
      // The old leader: through its token (undefined now), or with the epoch it read before it lost.
      await expect(fencedWrite(schema, first.leadership.token, 'stale')).rejects.toThrow(FencedOutError);
      await expect(fencedWrite(schema, oldEpoch, 'stale, in flight')).rejects.toThrow(FencedOutError);
      expect((await adminQuery(`SELECT value FROM "${schema}".checkpoint`)).rows).toEqual([{ value: 'written by the new leader' }]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 30_000);

  it('a leader that shuts down releases the lock: the standby takes over with the next epoch', async () => {
    const schema = uniqueSchema();
    schemas.push(schema);
    const a = candidate(schema, { pollMs: 100 });
    await eventually(() => a.leadership.token(), 10_000);
    const b = candidate(schema, { pollMs: 100 });
    try {
      await a.stop();
      expect(a.leadership.token()).toBeUndefined();
      expect(await eventually(() => b.leadership.token(), 5_000)).toBe(2n);
    } finally {
      await b.stop();
    }
  }, 20_000);
});
