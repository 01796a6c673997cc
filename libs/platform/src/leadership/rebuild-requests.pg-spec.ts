import { readModelFixture, type ReadModelFixture } from '../../../read-models/src/testing/read-model-fixture';
import { goodStanding } from '@partner-program/domain/testing';
import { adminQuery, dropSchema, testDatabaseUrl, uniqueSchema } from '@partner-program/event-store/testing';
import { rebuildReadModels } from '../background/rebuild-read-models';
import type { LeadershipTerm } from './leadership';
import { PostgresLeadership } from './postgres-leadership';
import { RebuildRequestWorker } from './rebuild-request-worker';
import { PostgresRebuildRequests, RebuildNotTakenError, type RebuildResult } from './rebuild-requests';
import { serveTerms } from './serve-terms';

// `POST /v1/admin/projections/rebuild` from any replica: two in-process "replicas" on the shared
// PostgreSQL, one only asking (an --api-only API), one leading the projector and rebuilding.

const schemas: string[] = [];
afterAll(async () => Promise.all(schemas.map(dropSchema)));
const by = { role: 'admin', requestId: 'req-1' };
const never = new AbortController().signal;

function freshSchema(): string {
  const schema = uniqueSchema();
  schemas.push(schema);
  return schema;
}

/** The leading projector's process: elected, serving rebuild requests with a real projector. */
async function leadingProjector(schema: string, fx: ReadModelFixture, rebuild: () => Promise<RebuildResult> = () => rebuildReadModels(fx.projector)) {
  const requests = await PostgresRebuildRequests.open({ connectionString: testDatabaseUrl(), schema, pollMs: 200 });
  const leadership = new PostgresLeadership({ connectionString: testDatabaseUrl(), duty: 'projector', schema, pollMs: 100 });
  const errors: unknown[] = [];
  const worker = new RebuildRequestWorker(requests, rebuild, { finished: () => undefined, failed: (error) => errors.push(error) });
  const shutdown = new AbortController();
  const terms: LeadershipTerm[] = [];
  const served = serveTerms(leadership, [worker], shutdown.signal, {
    elected: (term) => terms.push(term),
    ended: () => undefined,
    failed: (_, error) => errors.push(error),
  });
  return { leadership, terms, errors, stop: async () => (shutdown.abort(), await served, await requests.close()) };
}

describe('rebuild requests between replicas', () => {
  let fx: ReadModelFixture;
  beforeEach(async () => {
    fx = readModelFixture();
    await fx.record('P-1', ...goodStanding('2021-02-01T10:00:00Z'));
    await fx.record('P-2', ...goodStanding('2021-02-02T10:00:00Z'));
  });
  afterEach(() => fx.close());

  it('a replica’s request is rebuilt by the leader and answered with its result; the row records who asked and what came of it', async () => {
    const schema = freshSchema();
    const leader = await leadingProjector(schema, fx);
    const replica = await PostgresRebuildRequests.open({ connectionString: testDatabaseUrl(), schema, pollMs: 200 });
    try {
      const result = await replica.rebuild(by, never);
      const head = (await fx.store.readAll({})).events.length;
      expect(head).toBeGreaterThan(0);
      expect(result).toEqual({ events: head, ms: expect.any(Number), position: head });
      expect(fx.projector.stats.rebuilds).toBe(1);
      const { rows } = await adminQuery(`SELECT requested_by_role, request_id, state, epoch::int AS epoch, result, error FROM "${schema}".rebuild_requests`);
      expect(rows).toEqual([{ requested_by_role: 'admin', request_id: 'req-1', state: 'done', epoch: 1, result: { ...result }, error: null }]);
    } finally {
      await replica.close();
      await leader.stop();
    }
  }, 20_000);

  it('concurrent requests from two replicas share one rebuild', async () => {
    const schema = freshSchema();
    let rebuilds = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const leader = await leadingProjector(schema, fx, async () => {
      rebuilds += 1;
      await held; // both requests arrive while the rebuild runs
      return rebuildReadModels(fx.projector);
    });
    const [a, b] = await Promise.all([1, 2].map(() => PostgresRebuildRequests.open({ connectionString: testDatabaseUrl(), schema, pollMs: 200 })));
    try {
      const first = a!.rebuild(by, never);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = b!.rebuild({ role: 'admin', requestId: 'req-2' }, never);
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      const [one, two] = await Promise.all([first, second]);
      expect(two).toEqual(one);
      expect(rebuilds).toBe(1);
      expect((await adminQuery(`SELECT count(*)::int AS n FROM "${schema}".rebuild_requests`)).rows).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all([a!.close(), b!.close()]);
      await leader.stop();
    }
  }, 20_000);

  it('without a leader the replica answers "not taken" and the request stays pending; a leader that starts later runs it', async () => {
    const schema = freshSchema();
    const replica = await PostgresRebuildRequests.open({ connectionString: testDatabaseUrl(), schema, pollMs: 100, takenWithinMs: 500 });
    try {
      await expect(replica.rebuild(by, never)).rejects.toThrow(RebuildNotTakenError);
      expect((await adminQuery(`SELECT state FROM "${schema}".rebuild_requests`)).rows).toEqual([{ state: 'pending' }]);
      const leader = await leadingProjector(schema, fx);
      try {
        const deadline = Date.now() + 10_000;
        while ((await adminQuery(`SELECT state FROM "${schema}".rebuild_requests`)).rows[0]!.state !== 'done') {
          if (Date.now() > deadline) throw new Error('the later leader did not run the pending request');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(fx.projector.stats.rebuilds).toBe(1);
      } finally {
        await leader.stop();
      }
    } finally {
      await replica.close();
    }
  }, 20_000);

  it('a failed rebuild is reported to the replica with the leader’s reason', async () => {
    const schema = freshSchema();
    const leader = await leadingProjector(schema, fx, async () => Promise.reject(new Error('disk full')));
    const replica = await PostgresRebuildRequests.open({ connectionString: testDatabaseUrl(), schema, pollMs: 200 });
    try {
      await expect(replica.rebuild(by, never)).rejects.toThrow('the rebuild failed on the leading projector: disk full');
    } finally {
      await replica.close();
      await leader.stop();
    }
  }, 20_000);

  it('a new term takes over a request its predecessor left running; the old term’s result is fenced out', async () => {
    const schema = freshSchema();
    const requests = await PostgresRebuildRequests.open({ connectionString: testDatabaseUrl(), schema });
    try {
      const waiting = requests.rebuild(by, never);
      let id: number | undefined;
      while (id === undefined) id = await requests.claim(3n); // term 3 claims it, then dies
      expect(await requests.claim(3n)).toBeUndefined();
      expect(await requests.claim(4n)).toBe(id);
      const result = { events: 1, ms: 1, position: 1 };
      await expect(requests.finish(id, 3n, { result })).rejects.toThrow(/rebuild request \d+: write refused/);
      await requests.finish(id, 4n, { result });
      expect(await waiting).toEqual(result);
    } finally {
      await requests.close();
    }
  }, 20_000);
});
