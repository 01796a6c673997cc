import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ADMIN_KEY, freePort, killed } from '../crash/api-process';

// ── The PostgreSQL topology as built processes: API replicas and projectors on one database ────

const DIST = join(__dirname, '..', '..', 'dist', 'apps');
const API_MAIN = join(DIST, 'membership-api', 'src', 'main.js');
const PROJECTOR_MAIN = join(DIST, 'projector', 'src', 'main.js');
const WORKER_MAIN = join(DIST, 'ingestion-worker', 'src', 'main.js');

export type Member = { name: string; child: ChildProcess; output: () => string; url?: string };

export class Fleet {
  private readonly members = new Set<Member>();

  constructor(private readonly env: Readonly<Record<string, string>>) {}

  /** An API replica (`start:api`), ready when its /health/ready answers 200. */
  async startApi(name: string): Promise<Member> {
    const port = await freePort();
    const member = this.spawn(name, API_MAIN, ['--api-only'], { PORT: String(port) });
    member.url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (
      !(await fetch(`${member.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (member.child.exitCode !== null || Date.now() > deadline) throw new Error(`${name} not ready: ${member.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return member;
  }

  /** A projector (`start:projector`): it competes for leadership at once. */
  startProjector(name: string): Member {
    // At info level: its terms of leadership are logged there, and the test reads them.
    return this.spawn(name, PROJECTOR_MAIN, [], { LOG_LEVEL: 'info' });
  }

  /** A Kafka worker (`start:worker`): consumes upstream, and publishes while it leads the publishers. */
  startWorker(name: string): Member {
    return this.spawn(name, WORKER_MAIN, [], { LOG_LEVEL: 'info' });
  }

  async kill(member: Member, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await killed(member.child, signal);
    this.members.delete(member);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.members].map((member) => this.kill(member, 'SIGTERM')));
  }

  private spawn(name: string, main: string, args: string[], env: Record<string, string>): Member {
    let output = '';
    const child = spawn(process.execPath, [main, ...args], {
      env: { ...process.env, API_KEYS: `admin:${ADMIN_KEY}`, LOG_LEVEL: 'warn', ...this.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const member: Member = { name, child, output: () => output };
    // A member that dies on its own is named with its last words, for the failure message.
    child.on('exit', (code, signal) => (output += `\n[${name} exited: ${code ?? signal}]`));
    this.members.add(member);
    return member;
  }
}
