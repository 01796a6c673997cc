import { hostname } from 'node:os';
import { type FencingToken, pause } from '@partner-program/event-store';
import pg from 'pg';
import { DEFAULT_COORDINATION_SCHEMA, migrateCoordinationSchema } from './coordination-schema';
import type { Leadership, LeadershipTerm } from './leadership';

/** Options of {@link PostgresLeadership}. */
export type PostgresLeadershipOptions = Readonly<{
  connectionString: string;
  /** What is led (`projector`, `kafka-publishers`): one lock and one epoch each. */
  duty: string;
  /** Default `coordination`. */
  schema?: string;
  /** How often a standby tries to take the lock. Default 1000 ms. */
  pollMs?: number;
  /** How often the leader checks its connection. Default 1000 ms. */
  heartbeatMs?: number;
  /** A connect or statement slower than this counts as a lost connection. Default 2000 ms. */
  timeoutMs?: number;
  /** Connection failures (the election goes on: it reconnects and competes again). */
  onError?: (error: unknown) => void;
}>;

/**
 * Leader election on PostgreSQL: the leader holds a session advisory lock on a connection of its
 * own (a pooled one would hand the session, and the lock, to other work). Each acquisition raises
 * the duty's epoch, the fencing token of the term. The lock lives exactly as long as the session,
 * so a leader that dies, or whose connection drops, loses it; the server notices a vanished client
 * within seconds through the TCP settings below, and a standby polling `pg_try_advisory_lock` takes
 * over. The leader checks its connection every heartbeat: an error or a timeout ends the term at
 * once (token `undefined`), before the server may have released the lock, never after.
 */
export class PostgresLeadership implements Leadership {
  private epoch: bigint | undefined;
  readonly token: FencingToken = () => this.epoch;
  private readonly schema: string;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly timeoutMs: number;
  /** Ends the current term because the connection failed (set while leading). */
  private loseTerm: ((error: unknown) => void) | undefined;

  constructor(private readonly options: PostgresLeadershipOptions) {
    this.schema = options.schema ?? DEFAULT_COORDINATION_SCHEMA;
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  async *terms(signal: AbortSignal): AsyncIterable<LeadershipTerm> {
    while (!signal.aborted) {
      const client = this.newClient();
      try {
        await this.prepare(client);
        const epoch = await this.acquire(client, signal);
        if (epoch === undefined) return;
        const term = this.begin(client, epoch, signal);
        yield term.term;
        // Asked for the next term: this one's work has stopped (lost, shut down, or finished early).
        term.end();
      } catch (error) {
        if (!signal.aborted) this.options.onError?.(error);
      } finally {
        this.epoch = undefined;
        this.loseTerm = undefined;
        // Closing the session releases the lock; a connection that hangs is not waited for.
        const closed = new AbortController();
        await Promise.race([
          client
            .end()
            .catch(() => undefined)
            .finally(() => closed.abort()),
          pause(this.timeoutMs, closed.signal),
        ]);
      }
      // The lock released, the standbys get a poll's head start (and a failing database a pause).
      await pause(this.pollMs, signal);
    }
  }

  private newClient(): pg.Client {
    const serverCheckSeconds = Math.max(1, Math.round(this.timeoutMs / 1000));
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: `partner-program ${this.options.duty} election`,
      connectionTimeoutMillis: this.timeoutMs,
      // Client side: a heartbeat or poll that gets no answer fails here, not after the OS's minutes.
      query_timeout: this.timeoutMs,
      statement_timeout: this.timeoutMs,
      idle_in_transaction_session_timeout: this.timeoutMs,
      keepAlive: true,
      keepAliveInitialDelayMillis: this.timeoutMs,
      // Server side: how soon PostgreSQL drops the session (and the lock) of a leader whose machine
      // vanished or was cut off: probes after `serverCheckSeconds` idle, 3 unanswered at 1 s apart,
      // or data unacknowledged for 3 timeouts. A killed process's socket is closed by its OS at once.
      options: `-c tcp_keepalives_idle=${serverCheckSeconds} -c tcp_keepalives_interval=1 -c tcp_keepalives_count=3 -c tcp_user_timeout=${3 * this.timeoutMs}`,
    });
    // pg emits 'error' on a connection that fails while idle; unhandled, it would end the process.
    client.on('error', (error) => this.loseTerm?.(error));
    client.on('end', () => this.loseTerm?.(new Error('the election connection ended')));
    return client;
  }

  private async prepare(client: pg.Client): Promise<void> {
    await client.connect();
    await migrateCoordinationSchema(client, this.schema);
    await client.query(`INSERT INTO ${this.table(client)} (duty) VALUES ($1) ON CONFLICT DO NOTHING`, [this.options.duty]);
  }

  /** Polls for the lock; on success raises the epoch. `undefined`: aborted first. */
  private async acquire(client: pg.Client, signal: AbortSignal): Promise<bigint | undefined> {
    const lockName = `partner-program:${this.schema}:${this.options.duty}`;
    while (!signal.aborted) {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [lockName]);
      if (rows[0]?.locked) {
        const { rows: elected } = await client.query<{ epoch: string }>(
          `UPDATE ${this.table(client)} SET epoch = epoch + 1, holder = $2, elected_at = now() WHERE duty = $1 RETURNING epoch::text AS epoch`,
          [this.options.duty, `${hostname()}:${process.pid}`],
        );
        return BigInt(elected[0]!.epoch);
      }
      await pause(this.pollMs, signal);
    }
    return undefined;
  }

  private begin(client: pg.Client, epoch: bigint, shutdown: AbortSignal): { term: LeadershipTerm; end: () => void } {
    const term = new AbortController();
    const heartbeat = new AbortController();
    // Shutting down ends the term's work but keeps the token until the work has stopped: the lock
    // is still held, so the last page's fenced write is still this leader's to make.
    const onShutdown = () => term.abort();
    shutdown.addEventListener('abort', onShutdown, { once: true });
    const end = () => {
      heartbeat.abort();
      term.abort();
      shutdown.removeEventListener('abort', onShutdown);
      this.epoch = undefined;
      this.loseTerm = undefined;
    };
    this.loseTerm = (error) => {
      this.epoch = undefined; // first: every fenced write from here on is refused
      end();
      this.options.onError?.(error);
    };
    this.epoch = epoch;
    if (shutdown.aborted) term.abort();
    void this.heartbeat(client, heartbeat.signal);
    return { term: { epoch, signal: term.signal, token: this.token }, end };
  }

  private async heartbeat(client: pg.Client, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await pause(this.heartbeatMs, signal);
      if (signal.aborted) return;
      try {
        await client.query('SELECT 1');
      } catch (error) {
        if (!signal.aborted) this.loseTerm?.(error);
        return;
      }
    }
  }

  private table(client: pg.Client): string {
    return `${client.escapeIdentifier(this.schema)}.leadership`;
  }
}
