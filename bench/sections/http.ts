import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Request } from 'autocannon';
import type { Envelope } from '../../scripts/programme-generator';
import { ADMIN_KEY, freePort, killed, startApi } from '../../test/crash/api-process';
import { log, percentile } from '../support';

// ── HTTP figures, measured with autocannon against the built service in a child process ───────

const auth = { authorization: `Bearer ${ADMIN_KEY}` };
const headers = { ...auth, 'content-type': 'application/json' };

export type LoadResult = { requestsPerSecond: number; p50: number; p99: number; non2xx: number; errors: number };

/** One service, or several replicas of it: autocannon deals the connections over them in turn. */
export type Target = string | readonly string[];

async function load(url: Target, connections: number, seconds: number, setup: () => Pick<Request, 'method' | 'path' | 'body'>): Promise<LoadResult> {
  // A GET must not announce a JSON body it does not send: the body parser would wait for it.
  // A fresh object each request: autocannon writes the body's Content-Length into the headers it
  // is given (lib/httpRequestBuilder.js), and the shared one would then go out with every later
  // fetch, announcing a length the body does not have (the service answered 408 once the rest of
  // the body, read as the next request's head, never completed).
  const headersFor = (method: string | undefined) => ({ ...(method === 'POST' ? headers : auth) });
  const result = await autocannon({
    // autocannon takes an array of URLs (connection i goes to url[i % n]; lib/run.js), its types say string.
    url: url as string,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request: Request) => {
          const next = setup();
          return { ...request, ...next, headers: headersFor(next.method) };
        },
      },
    ],
  });
  return { requestsPerSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

export class ProgrammeExhausted extends Error {
  constructor() {
    super('the generated programme ran out of messages: raise --partners');
  }
}

/** Messages drawn in order from the generator, so every request carries new ones. */
export function feeder(messages: Iterator<Envelope>): { take: (count: number) => Envelope[] } {
  const take = (count: number) => {
    const batch: Envelope[] = [];
    while (batch.length < count) {
      const next = messages.next();
      if (next.done) throw new ProgrammeExhausted();
      batch.push(next.value);
    }
    return batch;
  };
  return { take };
}

/**
 * Request bodies made before each timed run, then on demand if a run needs more: generating and
 * serialising messages during the run would share the 2 cores with the service being measured.
 * What a run leaves unsent goes first in the next one, so every message is sent once, in order.
 */
export class Bodies {
  private ready: Body[] = [];
  private sent = 0;
  /** Partners of every body handed out so far (sent, or at least put on the wire). */
  readonly partnerIds = new Set<string>();

  constructor(private readonly make: () => Body) {}

  static batches(take: (n: number) => Envelope[]): Bodies {
    return new Bodies(() => bodyOf(take(100), (events) => ({ events })));
  }

  static singles(take: (n: number) => Envelope[]): Bodies {
    return new Bodies(() => bodyOf(take(1), ([event]) => event));
  }

  /** Tops the bodies not sent yet up to `count`, or to what the programme still holds. */
  prepare(count: number): void {
    this.ready = this.ready.slice(this.sent);
    this.sent = 0;
    try {
      while (this.ready.length < count) this.ready.push(this.make());
    } catch (error) {
      if (!(error instanceof ProgrammeExhausted) || this.ready.length === 0) throw error;
    }
  }

  next(): string {
    const body = this.ready[this.sent++] ?? this.make();
    body.partnerIds.forEach((id) => this.partnerIds.add(id));
    return body.text;
  }
}

type Body = Readonly<{ text: string; partnerIds: readonly string[] }>;

function bodyOf(messages: Envelope[], shape: (messages: Envelope[]) => unknown): Body {
  return { text: JSON.stringify(shape(messages)), partnerIds: [...new Set(messages.map((m) => m.partnerId))] };
}

/** Bodies prepared per run: `seconds` × this rate (above any rate measured here), in requests/s. */
const PREPARED_RATE = { batch: 250, single: 8_000 };

async function timed(url: Target, connections: number, seconds: number, bodies: Bodies, rate: number): Promise<LoadResult> {
  bodies.prepare(seconds * rate);
  return load(url, connections, seconds, () => ({ method: 'POST', path: '/v1/events', body: bodies.next() }));
}

export async function batchIngestion(url: Target, bodies: Bodies, seconds: number): Promise<LoadResult & { eventsPerSecond: number }> {
  const result = await timed(url, 4, seconds, bodies, PREPARED_RATE.batch);
  return { ...result, eventsPerSecond: result.requestsPerSecond * 100 };
}

export async function singleIngestion(url: Target, bodies: Bodies, seconds: number): Promise<LoadResult & { eventsPerSecond: number }> {
  const result = await timed(url, 64, seconds, bodies, PREPARED_RATE.single);
  return { ...result, eventsPerSecond: result.requestsPerSecond };
}

export async function statusQueries(url: string, partnerIds: readonly string[], seconds: number): Promise<LoadResult> {
  let i = 0;
  return load(url, 64, seconds, () => ({ method: 'GET', path: `/v1/partners/${partnerIds[i++ % partnerIds.length]}` }));
}

/** Sequential latency of one GET, in ms: median and p99 of `times` calls. */
export async function latencyOf(url: string, path: string, times: number): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: auth });
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

export async function postAll(url: string, messages: readonly Envelope[]): Promise<number> {
  let last = 0;
  for (let i = 0; i < messages.length; i += 500) {
    const response = await fetch(`${url}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ events: messages.slice(i, i + 500) }) });
    if (!response.ok) throw new Error(`POST /v1/events: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { results: { outcome: string; position?: number }[] };
    for (const r of body.results) last = Math.max(last, r.position ?? 0);
  }
  return last;
}

/** Runs `work` against the built service in a child process on a fresh data directory; the service's output is logged when `work` fails. */
export async function withService<T>(name: string, work: (url: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `pp-bench-${name}-`));
  // The embedded service alone, even when the bench runs beside a broker and PostgreSQL (as in
  // CI): no Kafka worker ingesting an earlier section's backlog, no election on the shared
  // database where earlier sections' processes stood.
  const api = await startApi(dataDir, await freePort(), { env: { KAFKA_BROKERS: '', DATABASE_URL: '' } });
  try {
    return await work(api.url);
  } catch (error) {
    log(`service output:\n${api.output().slice(-4000)}`);
    throw error;
  } finally {
    await killed(api.child, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
