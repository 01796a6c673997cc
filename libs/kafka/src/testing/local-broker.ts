import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

// ── A private broker for tests that stop and restart it (deploy/kafka-local scripts) ────────

const run = promisify(execFile);
const SCRIPTS = join(__dirname, '..', '..', '..', '..', 'deploy', 'kafka-local');

/** A broker of its own on `port` (controller on port + 1), with its own run directory. */
export class LocalBroker {
  constructor(readonly port: number) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Starts it and waits until ready; `keepData` restarts on the same log (a broker restart). */
  async start(keepData = false): Promise<void> {
    const env = { ...process.env, KAFKA_KEEP_DATA: keepData ? '1' : '0' };
    await run(join(SCRIPTS, 'start.sh'), [String(this.port)], { env, timeout: 180_000 });
  }

  /** Controlled shutdown (SIGTERM, SIGKILL after 30 s). */
  async stop(): Promise<void> {
    await run(join(SCRIPTS, 'stop.sh'), [String(this.port)], { timeout: 60_000 });
  }
}
