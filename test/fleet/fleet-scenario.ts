import { PostgresEventStore } from '@partner-program/event-store';
import { readEverything } from '../../libs/event-store/src/testing/crash-harness';
import { ADMIN_KEY } from '../crash/api-process';
import { Fleet, type Member } from './fleet';
import { OwnPostgres } from './own-postgres';
import { PostingClient } from './posting-clients';

// ── The multi-instance topology under faults (built processes, a real PostgreSQL) ──────────────
// 2 API replicas and 2 projectors on one database (and, with Kafka, 2 workers), 16 clients posting
// through both replicas. Three times, at a random moment, the leading projector and one API replica
// are SIGKILLed and replaced; once the database itself restarts. Afterwards: every acknowledged
// message is stored exactly once, the read models equal a rebuild, every due renewal notice was
// issued exactly once and, with Kafka, every tier change was published at least once with its id.

const CLIENTS = 16;
/** Between two requests of one client: about 16 × 20 requests a second in all, on 2 cores. */
const PACE_MS = 50;
const headers = { Authorization: `Bearer ${ADMIN_KEY}` };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The projector that holds the leadership now (it says so on its output when elected). */
async function leaderOf(projectors: readonly Member[]): Promise<Member> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const leaders = projectors.filter((p) => p.child.exitCode === null && LEADER_LINE.test(lastTerm(p.output())));
    if (leaders.length === 1) return leaders[0]!;
    if (Date.now() > deadline) throw new Error(`no single leader: ${projectors.map((p) => `${p.name}: ${p.output()}`).join('\n')}`);
    await pause(100);
  }
}
// serve-duty.ts logs each term of the projector duty as it starts and as it ends.
const LEADER_LINE = /"msg":"leading projector \(token/;
const lastTerm = (output: string) =>
  output
    .split('\n')
    .filter((line) => /"msg":"(no longer )?leading projector/.test(line))
    .at(-1) ?? '';

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export type FleetOptions = Readonly<{
  /** With a broker: 2 Kafka workers too, and the status changes they publish are checked. */
  kafka?: { brokers: string; publishedChangeIds: (partnerPrefix: string) => Promise<Set<string>> };
}>;

export function describeFleetUnderFaults(title: string, options: FleetOptions = {}): void {
  describe(title, () => {
    let database: OwnPostgres;
    let fleet: Fleet;
    // Partner ids of this run only: a broker's topics may hold other runs' messages.
    const runTag = Math.random().toString(36).slice(2, 8);

    beforeAll(async () => {
      database = await OwnPostgres.start();
      const kafka: Record<string, string> = options.kafka ? { KAFKA_BROKERS: options.kafka.brokers } : {};
      fleet = new Fleet({ EVENT_STORE: 'postgres', DATABASE_URL: database.url, SCHEDULER_INTERVAL_MS: '500', ...kafka });
    }, 60_000);
    afterAll(async () => {
      await fleet?.stopAll();
      await database?.remove();
    }, 60_000);

    const kafkaToo = options.kafka ? ', publishes every tier change at least once with its id' : '';
    it(`loses no acknowledged message, stores none twice, projects what a rebuild projects, issues every due notice once${kafkaToo}`, async () => {
      const apis = [await fleet.startApi('api-1'), await fleet.startApi('api-2')];
      const projectors = [fleet.startProjector('projector-1'), fleet.startProjector('projector-2')];
      const workers = options.kafka ? [fleet.startWorker('worker-1'), fleet.startWorker('worker-2')] : [];
      await leaderOf(projectors);

      const today = new Date();
      const clients = Array.from(
        { length: CLIENTS },
        (_, c) => new PostingClient(() => apis.filter((a) => a.child.exitCode === null).map((a) => a.url!), c, runTag),
      );
      const stop = new AbortController();
      const posting = Promise.all(clients.map((client) => client.run(stop.signal, today, PACE_MS, Date.now() + 180_000)));
      // A client failing (a refused message) must fail the test now, not after the fault rounds.
      let failure: unknown;
      posting.catch((error: unknown) => (failure = error));

      for (let round = 0; round < 3; round += 1) {
        await pause(2_000 + Math.random() * 3_000);
        const leader = await leaderOf(projectors);
        const api = apis[Math.floor(Math.random() * apis.length)]!;
        await Promise.all([fleet.kill(leader), fleet.kill(api)]);
        projectors.splice(projectors.indexOf(leader), 1, fleet.startProjector(`projector-${round + 3}`));
        if (round === 1) await database.restart();
        apis.splice(apis.indexOf(api), 1, await fleet.startApi(`api-${round + 3}`));
        expect(failure).toBeUndefined();
      }
      await pause(1_000);
      stop.abort();
      await posting;
      // No process may have died of the faults it did not receive (a database restart included).
      for (const member of [...apis, ...projectors, ...workers]) {
        if (member.child.exitCode !== null || member.child.signalCode !== null) throw new Error(`${member.name} died:\n${member.output().slice(-3000)}`);
      }
      const partners = clients.flatMap((client) => client.partners);
      // The faults must have landed mid-traffic: posting went on through all of them.
      expect(partners.length).toBeGreaterThan(CLIENTS * 3);

      const store = await PostgresEventStore.open({ connectionString: database.url });
      try {
        const events = await readEverything(store);
        const stored = new Map<string, number>();
        for (const event of events) stored.set(event.metadata.messageId, (stored.get(event.metadata.messageId) ?? 0) + 1);
        const acknowledged = clients.flatMap((client) => [...client.acknowledged.keys()]);
        expect(acknowledged).toHaveLength(partners.length * 12);
        for (const messageId of acknowledged) expect([messageId, stored.get(messageId)]).toEqual([messageId, 1]);

        // Every due notice issued exactly once (the scheduler runs on the leader only, through kills).
        const head = events.at(-1)!.position;
        const issued = async () => (await readEverything(store)).filter((e) => e.type === 'RenewalNoticeIssued');
        for (const waitUntil = Date.now() + 30_000; (await issued()).length < partners.length && Date.now() < waitUntil;) await pause(250);
        const notices = (await issued()).map((e) => String(e.data['noticeId']));
        expect(new Set(notices).size).toBe(partners.length);
        expect(notices).toHaveLength(partners.length);

        // The read models, caught up, equal a rebuild of them (asked of an API replica: the leader does it).
        const last = (await readEverything(store)).at(-1)!.position;
        expect(last >= head).toBe(true);
        // `evaluatedAt` says when the status was computed: a rebuild computes it anew, everything else must be equal.
        const snapshot = () =>
          Promise.all(partners.map(async (p) => ({ ...(await json<object>(`${apis[0]!.url}/v1/partners/${p}?minPosition=${last}`)), evaluatedAt: undefined })));
        const before = await snapshot();
        const rebuilt = await fetch(`${apis[1]!.url}/v1/admin/projections/rebuild`, { method: 'POST', headers });
        expect(rebuilt.status).toBe(200);
        expect(await snapshot()).toEqual(before);

        if (options.kafka) {
          // Every tier change of the feed published at least once, under the feed's own id.
          const feed = await database.query<{ change_id: string }>(`SELECT change_id FROM read_models.tier_changes WHERE partner_id LIKE $1`, [
            `P-FLEET-${runTag}-%`,
          ]);
          const expected = feed.map((row) => row.change_id);
          expect(expected.length).toBeGreaterThanOrEqual(partners.length * 2);
          let published = new Set<string>();
          for (const waitUntil = Date.now() + 60_000; Date.now() < waitUntil; await pause(1_000)) {
            published = await options.kafka.publishedChangeIds(`P-FLEET-${runTag}-`);
            if (expected.every((id) => published.has(id))) break;
          }
          expect(expected.filter((id) => !published.has(id))).toEqual([]);
          expect([...published].filter((id) => !expected.includes(id))).toEqual([]);
        }
        const attempts = clients.reduce((sum, client) => sum + client.attempts, 0);
        process.stdout.write(
          `fleet: ${acknowledged.length} messages of ${partners.length} partners acknowledged in ${attempts} requests; ${notices.length} notices issued\n`,
        );
      } finally {
        await store.close();
      }
    }, 240_000);
  });
}
