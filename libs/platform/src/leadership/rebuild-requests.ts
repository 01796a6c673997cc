import { AppendNotifier, FencedOutError, PostgresAppendListener, tolerateDroppedConnections } from '@partner-program/event-store';
import pg from 'pg';
import { DEFAULT_COORDINATION_SCHEMA, migrateCoordinationSchema } from './coordination-schema';

// ── Rebuild requests: any replica asks, the leading projector rebuilds ───────────────────────
// A replica files a row (or joins the open one) and waits; the leader claims it under its term's
// epoch, rebuilds, and records the result. Every change NOTIFYs the channel, with polling as the
// fallback, so neither side depends on a notification arriving.

/** What a rebuild reports: the body of `POST /v1/admin/projections/rebuild` (with `rebuilt: true`). */
export type RebuildResult = Readonly<{ events: number; ms: number; position: number }>;
/** Who asked: the caller's role and the HTTP request id. */
export type RebuildRequester = Readonly<{ role: string; requestId: string }>;

/** No leader claimed the request in time; it stays pending and a retry joins it. */
export class RebuildNotTakenError extends Error {
  override readonly name = 'RebuildNotTakenError';
  constructor(
    readonly requestId: number,
    waitedMs: number,
  ) {
    super(`no projector leads (rebuild request ${requestId} not taken within ${Math.round(waitedMs / 1000)} s); it stays pending, retry later`);
  }
}

/** The leader ran the rebuild and it failed, or the replica stopped waiting. */
export class RebuildFailedError extends Error {
  override readonly name = 'RebuildFailedError';
}

export type PostgresRebuildRequestsOptions = Readonly<{
  connectionString: string;
  /** The process's shared pool when it has one (EVENT_STORE=postgres; never ended here), else a small pool of its own. */
  pool?: pg.Pool;
  schema?: string;
  /** Re-read when no notification arrived. Default 1000 ms. */
  pollMs?: number;
  /** Answer "no leader" when a request is still pending after this. Default 30 s. */
  takenWithinMs?: number;
  /** Give up waiting for a claimed rebuild after this. Default 10 min. */
  finishedWithinMs?: number;
}>;

type RequestRow = { id: string; state: 'pending' | 'running' | 'done' | 'failed'; result: RebuildResult | null; error: string | null };

export class PostgresRebuildRequests {
  private changes = 0n;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
    private readonly channel: string,
    private readonly listener: PostgresAppendListener,
    private readonly notifier: AppendNotifier,
    private readonly options: PostgresRebuildRequestsOptions,
  ) {}

  /** Connects (a LISTEN connection, and a small pool unless given one) and creates the coordination schema as needed. */
  static async open(options: PostgresRebuildRequestsOptions): Promise<PostgresRebuildRequests> {
    const schema = options.schema ?? DEFAULT_COORDINATION_SCHEMA;
    const pool = options.pool ?? tolerateDroppedConnections(new pg.Pool({ connectionString: options.connectionString, max: 2 }));
    const notifier = new AppendNotifier();
    const channel = `${schema}.rebuild_requests`.slice(0, 63);
    let requests: PostgresRebuildRequests | undefined;
    // Each notification counts as a change (the payload, a request id, is only a hint).
    const changed = () => requests?.changed();
    const listener = new PostgresAppendListener(options.connectionString, channel, changed, changed, options.pollMs ?? 1000);
    try {
      const client = await pool.connect();
      try {
        await migrateCoordinationSchema(client, schema);
      } finally {
        client.release();
      }
      requests = new PostgresRebuildRequests(pool, `${pg.escapeIdentifier(schema)}.rebuild_requests`, channel, listener, notifier, options);
      await listener.start();
      return requests;
    } catch (error) {
      await listener.close();
      if (!options.pool) await pool.end();
      throw error;
    }
  }

  // ── The replica's side ──

  /** Files a rebuild request, or joins the open one, and waits for the leader's result. */
  async rebuild(by: RebuildRequester, signal: AbortSignal): Promise<RebuildResult> {
    const id = await this.file(by);
    const started = Date.now();
    for (;;) {
      const seen = this.changes;
      const row = await this.read(id);
      if (row.state === 'done') return row.result!;
      if (row.state === 'failed') throw new RebuildFailedError(`the rebuild failed on the leading projector: ${row.error}`);
      const waited = Date.now() - started;
      if (row.state === 'pending' && waited >= (this.options.takenWithinMs ?? 30_000)) throw new RebuildNotTakenError(id, waited);
      if (waited >= (this.options.finishedWithinMs ?? 600_000))
        throw new RebuildFailedError(`rebuild request ${id} has not finished within ${Math.round(waited / 1000)} s`);
      if (signal.aborted) throw new RebuildFailedError(`stopped waiting for rebuild request ${id}: shutting down`);
      await this.notifier.waitForAppendAfter(seen, this.options.pollMs ?? 1000, signal);
    }
  }

  private async file(by: RebuildRequester): Promise<number> {
    // The unique index on open requests turns a second concurrent request into a join.
    for (;;) {
      const inserted = await this.pool.query<{ id: string }>(
        `WITH filed AS (INSERT INTO ${this.table} (requested_by_role, request_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id)
         SELECT id, pg_notify($3, id::text) FROM filed`,
        [by.role, by.requestId, this.channel],
      );
      const open = inserted.rows[0] ?? (await this.pool.query<{ id: string }>(`SELECT id FROM ${this.table} WHERE state IN ('pending', 'running')`)).rows[0];
      // Neither: the open request finished between the two statements; file a new one.
      if (open) return Number(open.id);
    }
  }

  private async read(id: number): Promise<RequestRow> {
    return (await this.pool.query<RequestRow>(`SELECT id, state, result, error FROM ${this.table} WHERE id = $1`, [id])).rows[0]!;
  }

  // ── The leader's side ──

  /** Claims the open request for term `epoch`: a pending one, or one a previous term left running. */
  async claim(epoch: bigint): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH claimed AS (UPDATE ${this.table} SET state = 'running', epoch = $1, started_at = now()
         WHERE state = 'pending' OR (state = 'running' AND epoch < $1) RETURNING id)
       SELECT id, pg_notify($2, id::text) FROM claimed`,
      [epoch.toString(), this.channel],
    );
    return rows[0] ? Number(rows[0].id) : undefined;
  }

  /** Records the outcome; refused (FencedOutError) when a later term has claimed the request since. */
  async finish(id: number, epoch: bigint, outcome: { result: RebuildResult } | { error: string }): Promise<void> {
    const [state, result, error] = 'result' in outcome ? ['done', JSON.stringify(outcome.result), null] : ['failed', null, outcome.error];
    const { rows } = await this.pool.query(
      `WITH finished AS (UPDATE ${this.table} SET state = $3, result = $4, error = $5, finished_at = now()
         WHERE id = $1 AND epoch = $2 AND state = 'running' RETURNING id)
       SELECT id, pg_notify($6, id::text) FROM finished`,
      [id, epoch.toString(), state, result, error, this.channel],
    );
    if (rows.length === 0) throw new FencedOutError(`rebuild request ${id}`, epoch);
  }

  /** Resolves on the next change of any request, or after the poll interval. */
  waitForChange(signal: AbortSignal): Promise<void> {
    return this.notifier.waitForAppendAfter(this.changes, this.options.pollMs ?? 1000, signal);
  }

  async close(): Promise<void> {
    this.notifier.wakeAll();
    await this.listener.close();
    if (!this.options.pool) await this.pool.end();
  }

  private changed(): void {
    this.changes += 1n;
    this.notifier.published(this.changes);
  }
}
