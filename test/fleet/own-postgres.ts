import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

// ── A PostgreSQL cluster of the test's own (deploy/postgres-local), so it can be restarted ──────
// The fault test restarts the database mid-run: on a shared cluster that would break every other
// suite using it, so the test makes its own in a temporary folder and keeps its port across restarts.

const SCRIPTS = join(__dirname, '..', '..', 'deploy', 'postgres-local');
const run = promisify(execFile);

export class OwnPostgres {
  private constructor(
    private readonly dir: string,
    readonly url: string,
    private readonly port: string,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'pp-fleet-pg-'));
    // start.sh hands the folder to the postgres OS user when run as root; it must be able to enter it.
    chmodSync(dir, 0o755);
    const { stdout } = await run(join(SCRIPTS, 'start.sh'), { env: { ...process.env, PG_RUN_DIR: dir } });
    const url = /DATABASE_URL=(\S+)/.exec(stdout)?.[1];
    if (!url) throw new Error(`start.sh printed no DATABASE_URL: ${stdout}`);
    return new OwnPostgres(dir, url, new URL(url).port);
  }

  /** A fast shutdown (open transactions roll back, connections drop), then a start on the same port and data. */
  async restart(): Promise<void> {
    await this.stop();
    await run(join(SCRIPTS, 'start.sh'), { env: { ...process.env, PG_RUN_DIR: this.dir, PG_KEEP_DATA: '1', PG_PORT: this.port } });
  }

  /** One query on a connection of its own (the test's checks read the database directly). */
  async query<T extends object>(sql: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  async stop(): Promise<void> {
    await run(join(SCRIPTS, 'stop.sh'), { env: { ...process.env, PG_RUN_DIR: this.dir } });
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
