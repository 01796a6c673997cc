import { type Server, type Socket, createServer, connect } from 'node:net';
import { dropSchema, testDatabaseUrl, uniqueSchema } from '@partner-program/event-store/testing';
import { PostgresLeadership } from './postgres-leadership';
import { eventually, recordTerms } from './testing/terms';

// A leader cut off from the database (no error, no answer: a partition) must stop acting as the
// leader on its own, within a heartbeat and a timeout, without waiting for the server to notice.
// A TCP relay between the leader and PostgreSQL stands for the network: frozen, it passes nothing
// and closes nothing; cut, the server sees the session end and releases the lock.

const schema = uniqueSchema();
afterAll(() => dropSchema(schema));

/** Relays connections to the database; `freeze` stops passing bytes, `cut` closes the server side. */
async function relay(): Promise<{ url: string; freeze: () => void; cut: () => void; close: () => Promise<void> }> {
  const target = new URL(testDatabaseUrl());
  const pairs: [Socket, Socket][] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    pairs.push([client, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = new URL(target.href);
  url.hostname = '127.0.0.1';
  url.port = String(typeof address === 'object' && address ? address.port : 0);
  return {
    url: url.href,
    freeze: () => pairs.forEach(([client, upstream]) => (client.unpipe(upstream), upstream.unpipe(client), client.pause(), upstream.pause())),
    cut: () => pairs.forEach(([, upstream]) => upstream.destroy()),
    close: () => new Promise((resolve) => (pairs.forEach(([client]) => client.destroy()), server.close(() => resolve()))),
  };
}

describe('PostgresLeadership cut off from the database', () => {
  it('a partitioned leader drops its token within heartbeat + timeout; the standby leads once the server ends the session', async () => {
    const network = await relay();
    const shutdown = new AbortController();
    const options = { duty: 'projector', schema, pollMs: 200, heartbeatMs: 500, timeoutMs: 1000 };
    const cutOff = new PostgresLeadership({ ...options, connectionString: network.url });
    const cutOffTerms = recordTerms(cutOff, shutdown.signal);
    let standbyDone: Promise<void> | undefined;
    try {
      const epoch = await eventually(() => cutOff.token(), 10_000);
      const standby = new PostgresLeadership({ ...options, connectionString: testDatabaseUrl() });
      const standbyTerms = recordTerms(standby, shutdown.signal);
      standbyDone = standbyTerms.done;

      const frozenAt = Date.now();
      network.freeze();
      await eventually(() => (cutOff.token() === undefined ? true : undefined), 3_000);
      const lostAfterMs = Date.now() - frozenAt;
      expect(lostAfterMs).toBeLessThanOrEqual(options.heartbeatMs + options.timeoutMs + 500);
      expect(cutOffTerms.terms[0]!.signal.aborted).toBe(true);
      // The server still holds the session, so the lock: nobody leads meanwhile (never two at once).
      expect(standby.token()).toBeUndefined();

      network.cut();
      expect(await eventually(() => standby.token(), 5_000)).toBeGreaterThan(epoch);
      expect(standbyTerms.terms).toHaveLength(1);
    } finally {
      shutdown.abort();
      await network.close();
      await Promise.all([cutOffTerms.done, standbyDone]);
    }
  }, 30_000);
});
