import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureKafkaToStore } from '../libs/kafka/src/testing/kafka-throughput';
import { type Envelope, interleaved, programme } from '../scripts/programme-generator';
import { writeReport } from './report';
import { auditorFigures } from './sections/auditor-queries';
import { measureCeiling } from './sections/ceiling';
import { commandCost } from './sections/command-cost';
import { bigPartnerForecast, programmeForecast } from './sections/forecast';
import { Bodies, type LoadResult, batchIngestion, feeder, latencyOf, postAll, singleIngestion, statusQueries, withService } from './sections/http';
import { readYourWrites, startPgService } from './sections/pg-service';
import { appendToVisible } from './sections/projection-latency';
import { exportInChild } from './sections/export';
import { loadStore, rebuildInChild } from './sections/projection-rebuild';
import { EMMETT_VERSION, emmettBenchStore } from './sections/emmett';
import { hashChainFigures } from './sections/hashchain';
import { measurePostgresCeiling, postgresBenchStore } from './sections/postgres';
import { programmeLog, programmeQueryCost } from './sections/programme';
import { postgresTarget, projectInto, readModelLog, sqliteTarget } from './sections/read-models';
import { batchAppends100, singleAppends64 } from './sections/store-appends';
import { demoEnvelopes, validationCost } from './sections/validation';
import { type BenchOptions, type Figure, log, machine, median, medianOf, round } from './support';

// `npm run bench [-- --tiny | --scale] [--runs N] [--seconds N] [--out FILE] [--only SECTION[,SECTION…]]` (SECTIONS below)
// Every figure is the median of --runs runs; write figures are also given relative to the ceiling.

function options(argv: string[]): BenchOptions & { out: string; only: string | undefined } {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string, fallback: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : fallback);
  const tiny = flag('tiny');
  const scale = flag('scale');
  const out = argv.includes('--out') ? argv[argv.indexOf('--out') + 1]! : tiny ? join(tmpdir(), 'BENCHMARKS.tiny.md') : 'BENCHMARKS.md';
  return {
    tiny,
    scale,
    partners: value('partners', tiny ? 200 : scale ? 75_000 : 10_000),
    dealsPerPartner: value('deals', scale ? 55 : 20),
    runs: value('runs', tiny ? 1 : 3),
    seconds: value('seconds', tiny ? 1 : 10),
    out,
    only: argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined,
  };
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const figures: Figure[] = [];
  const add = (figure: Figure) => {
    figures.push(figure);
    log(`  ${figure.label}: ${round(figure.value, 1)} ${figure.unit} ${figure.notes ?? ''}`);
  };
  log(`machine: ${machine()}\noptions: ${JSON.stringify(o)}`);
  if (o.only !== undefined) {
    await onlySections(o, add, o.only.split(','));
    return finish(o, figures);
  }
  const writes = generatedWrites(o);
  const ceiling = await sqliteCeiling(o, add, writes);
  const ratio = (value: number) => `${((value / ceiling) * 100).toFixed(0)}% of ceiling`;

  const single = await medianOf(o.runs, () => singleAppends64(writes.slice(0, o.tiny ? 2_000 : 30_000)));
  add({
    id: 'store-single',
    label: 'store: single-event appends, 64 concurrent callers (group commit)',
    value: single.eventsPerSecond,
    unit: 'events/s',
    notes: `${ratio(single.eventsPerSecond)}; ${round(single.eventsPerTransaction, 1)} appends per transaction`,
  });
  const { batch } = await medianOf(o.runs, async () => ({ batch: await batchAppends100(writes) }));
  add({ id: 'store-batch', label: 'store: 100-event appends', value: batch, unit: 'events/s', notes: ratio(batch) });

  const sizes = o.tiny ? [10, 1_000, 5_000] : [10, 10_000, 100_000];
  const commands = o.tiny ? 50 : 1_000;
  await commandCost(sizes[0]!, commands); // warm-up: the first measurement would also time the JIT
  const cost = await medianOf(o.runs, async () => {
    const [small, medium, large] = [await commandCost(sizes[0]!, commands), await commandCost(sizes[1]!, commands), await commandCost(sizes[2]!, commands)];
    return { small, medium, large };
  });
  const relative = (cost.large / cost.small) * 100;
  add({
    id: 'cmd-10',
    label: 'command path, partner with 10 prior events',
    value: cost.small,
    unit: 'appends/s',
    notes: 'sequential commands, one fsync each',
  });
  add({ id: 'cmd-10k', label: `command path, partner with ${o.tiny ? '1,000' : '10,000'} prior events`, value: cost.medium, unit: 'appends/s' });
  add({
    id: 'cmd-100k',
    label: `command path, partner with ${o.tiny ? '5,000' : '100,000'} prior events`,
    value: cost.large,
    unit: 'appends/s',
    notes: `${relative.toFixed(0)}% of the 10-event partner's rate`,
    target: { op: '>=', value: cost.small * 0.8, text: 'within 20% of the 10-event partner' },
  });

  await hashChainFigures(o, add, writes);
  const pgCeiling = await postgresFigures(o, add, writes);
  const sqlite = await httpFigures(o, add, ceiling);
  await pgServiceFigures(o, add, writes, { pgCeiling, sqlite });
  await kafkaFigures(o, add);
  await rebuildFigures(o, add);
  await exportFigures(o, add);
  validationFigures(o, add);
  await readModelFigures(o, add);
  await forecastFigures(o, add);
  await programmeFigures(o, add);
  await latencyFigures(o, add);
  await auditorFigures(o, add);

  finish(o, figures);
}

const SECTIONS = [
  'validation',
  'latency',
  'rebuild',
  'export',
  'kafka',
  'read-models',
  'auditor',
  'forecast',
  'hashchain',
  'programme',
  'postgres',
  'http',
  'pg-service',
] as const;

/** `--only a,b`: those sections, in the order of SECTIONS; figures compared across sections come from this run when both are in it. */
async function onlySections(o: BenchOptions, add: (f: Figure) => void, only: readonly string[]): Promise<void> {
  const unknown = only.filter((section) => !(SECTIONS as readonly string[]).includes(section));
  if (unknown.length > 0) throw new Error(`--only ${unknown.join(',')}: not a section (${SECTIONS.join(', ')})`);
  if (only.includes('validation')) validationFigures(o, add);
  if (only.includes('latency')) await latencyFigures(o, add);
  if (only.includes('rebuild')) await rebuildFigures(o, add);
  if (only.includes('export')) await exportFigures(o, add);
  if (only.includes('kafka')) await kafkaFigures(o, add);
  if (only.includes('read-models')) await readModelFigures(o, add);
  if (only.includes('auditor')) await auditorFigures(o, add);
  if (only.includes('forecast')) await forecastFigures(o, add);
  if (only.includes('hashchain')) await hashChainFigures(o, add, generatedWrites(o));
  if (only.includes('programme')) await programmeFigures(o, add);
  if (!only.some((section) => ['postgres', 'http', 'pg-service'].includes(section))) return;
  const writes = generatedWrites(o);
  const pgCeiling = only.includes('postgres') ? await postgresFigures(o, add, writes) : undefined;
  const sqlite = only.includes('http') ? await httpFigures(o, add, await sqliteCeiling(o, add, writes)) : undefined;
  if (only.includes('pg-service')) await pgServiceFigures(o, add, writes, { pgCeiling, sqlite });
}

async function forecastFigures(o: BenchOptions, add: (f: Figure) => void): Promise<void> {
  const whole = await medianOf(o.runs, async () => programmeForecast(o));
  add({
    id: 'forecast-programme',
    label: `forecast, 1,460 days ahead, every partner of the generated programme (${whole.events.toLocaleString('en-US')} events)`,
    value: whole.ms,
    unit: 'ms',
    notes: `${round(whole.perPartnerUs)} µs per partner; ${whole.changes.toLocaleString('en-US')} changes of which ${whole.drops.toLocaleString('en-US')} drops`,
  });
  const big = await medianOf(o.runs, async () => bigPartnerForecast(o.tiny ? 700 : 9_850, o.tiny ? 5 : 30));
  add({
    id: 'forecast-big',
    label: `forecast, 1,460 days ahead, one partner with ${big.events.toLocaleString('en-US')} events`,
    value: big.ms,
    unit: 'ms',
    notes: `${big.changes} changes; the tier timeline over the same range, which it is, costs the same`,
  });
}

const generatedWrites = (o: BenchOptions) => [
  ...take(programme({ partners: o.partners, dealsPerPartner: o.dealsPerPartner, prefix: 'W' }), o.tiny ? 5_000 : 200_000),
];

async function sqliteCeiling(o: BenchOptions, add: (f: Figure) => void, writes: readonly Envelope[]): Promise<number> {
  const { ceiling } = await medianOf(o.runs, async () => ({ ceiling: measureCeiling(writes) }));
  add({ id: 'ceiling', label: 'ceiling: bare better-sqlite3, 100 events/transaction, WAL + FULL', value: ceiling, unit: 'events/s' });
  return ceiling;
}

function finish(o: BenchOptions & { out: string }, figures: readonly Figure[]): void {
  const header = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}.`,
    '',
    `Command: \`npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (${o.partners.toLocaleString('en-US')} generated partners, ${o.runs} runs per figure, ${o.seconds} s per HTTP load).`,
  ].join('\n');
  writeReport(o.out, header, figures);
  log(`written to ${o.out}`);
}

/** The SQLite service's ingestion figures, in events/s, for the PostgreSQL service's to stand beside. */
type ServiceIngestion = Readonly<{ batch: number; single: number; interleaved: number }>;

async function httpFigures(o: BenchOptions, add: (f: Figure) => void, ceiling: number): Promise<ServiceIngestion> {
  const ratio = (value: number) => `${((value / ceiling) * 100).toFixed(0)}% of ceiling`;
  return withService('http', async (url) => {
    const big = [...programme({ partners: 1, dealsPerPartner: o.tiny ? 1_000 : 10_000, prefix: 'BIG' })];
    await postAll(url, big);
    const partnerId = big[0]!.partnerId;
    const asOf = await latencyOf(url, `/v1/partners/${partnerId}?asOf=2026-06-01`, o.tiny ? 5 : 30);
    add({
      id: 'asof',
      label: `asOf, partner with ${big.length.toLocaleString('en-US')} events`,
      value: asOf.p50,
      unit: 'ms',
      notes: `p99 ${round(asOf.p99, 1)} ms`,
      target: { op: '<=', value: 50, text: '≤ 50 ms' },
    });
    const timeline = await latencyOf(url, `/v1/partners/${partnerId}/timeline`, o.tiny ? 5 : 30);
    add({
      id: 'timeline',
      label: `tier timeline, partner with ${big.length.toLocaleString('en-US')} events`,
      value: timeline.p50,
      unit: 'ms',
      notes: `p99 ${round(timeline.p99, 1)} ms`,
      target: { op: '<=', value: 50, text: '≤ 50 ms' },
    });
    // Each run starts with the read models caught up, so it pays for its own projection work and
    // not for the backlog of the run before; the lag it leaves behind is reported.
    const steady =
      <T extends Record<string, number>>(measure: () => Promise<T>) =>
      async () => {
        await projectionCaughtUp(url);
        const result = await measure();
        return { ...result, lagAfter: await projectionLag(url) };
      };
    const { batches, singles, spreadSingles } = ingestionLoads(o);
    const batch = await medianOf(
      o.runs,
      steady(() => batchIngestion(url, batches, o.seconds)),
    );
    add({
      id: 'http-batch',
      label: 'HTTP ingestion, batches of 100 (4 connections)',
      value: batch.eventsPerSecond,
      unit: 'events/s',
      notes: `${ratio(batch.eventsPerSecond)}; p50 ${batch.p50} ms, p99 ${batch.p99} ms; non-2xx ${batch.non2xx}; projection lag at the end ${round(batch.lagAfter)} events`,
      target: { op: '>=', value: ceiling / 2, text: '≥ 50% of the ceiling' },
    });
    const single = await medianOf(
      o.runs,
      steady(() => singleIngestion(url, singles, o.seconds)),
    );
    add({
      id: 'http-single',
      label: "HTTP ingestion, single events, 64 connections (each partner's messages in a burst)",
      value: single.eventsPerSecond,
      unit: 'events/s',
      notes: `p50 ${single.p50} ms, p99 ${single.p99} ms; non-2xx ${single.non2xx}; projection lag at the end ${round(single.lagAfter)} events`,
      p99: single.p99,
      target: { op: '>=', value: 5_000, text: '≥ 5,000 events/s, p99 ≤ 50 ms', p99AtMost: 50 },
    });
    const spread = await medianOf(
      o.runs,
      steady(() => singleIngestion(url, spreadSingles, o.seconds)),
    );
    add({
      id: 'http-single-interleaved',
      label: 'HTTP ingestion, single events, 64 connections (1,000 partners interleaved)',
      value: spread.eventsPerSecond,
      unit: 'events/s',
      notes: `p50 ${spread.p50} ms, p99 ${spread.p99} ms; non-2xx ${spread.non2xx}; projection lag at the end ${round(spread.lagAfter)} events`,
      p99: spread.p99,
      target: { op: '>=', value: 5_000, text: '≥ 5,000 events/s, p99 ≤ 50 ms', p99AtMost: 50 },
    });
    await projectionCaughtUp(url);
    // Partners whose messages were sent (prepared bodies left unsent would answer 404).
    const ids = [...batches.partnerIds, ...singles.partnerIds].slice(0, 10_000);
    const queries = await medianOf(o.runs, () => statusQueries(url, ids, o.seconds));
    add({
      id: 'status',
      label: 'partner status (read model), 64 connections',
      value: queries.requestsPerSecond,
      unit: 'req/s',
      notes: `p50 ${queries.p50} ms, p99 ${queries.p99} ms; non-2xx ${queries.non2xx}`,
      p99: queries.p99,
      target: { op: '>=', value: 5_000, text: '≥ 5,000 req/s, p99 ≤ 20 ms', p99AtMost: 20 },
    });
    return { batch: batch.eventsPerSecond, single: single.eventsPerSecond, interleaved: spread.eventsPerSecond };
  });
}

/**
 * The HTTP ingestion loads, made the same way for every service measured: batches of 100 and single
 * events (each partner's messages in a burst) from one programme, single events of 1,000 partners
 * interleaved from another.
 */
function ingestionLoads(o: BenchOptions): { batches: Bodies; singles: Bodies; spreadSingles: Bodies } {
  // Enough partners for every prepared body of every run (the generator only makes what is taken).
  const loadPartners = Math.max(o.partners * 6, 3_000);
  const { take } = feeder(programme({ partners: loadPartners, dealsPerPartner: o.dealsPerPartner, prefix: 'H' }));
  const batches = Bodies.batches(take);
  const singles = Bodies.singles(take);
  // The same load as many upstream systems would send it: 1,000 partners at once, one message each in turn.
  const mixed = feeder(interleaved(programme({ partners: loadPartners, dealsPerPartner: o.dealsPerPartner, prefix: 'M' }), 1_000));
  return { batches, singles, spreadSingles: Bodies.singles(mixed.take) };
}

/**
 * The all-PostgreSQL service (2 API replicas and 1 projector, built processes; DATABASE_URL set):
 * the SQLite service's ingestion loads dealt over both replicas, each figure as a ratio to the
 * bare `pg` ceiling of this run (measured here unless the postgres section ran) and beside the
 * SQLite service's figure when the http section ran; then read-your-writes from replica to replica.
 */
async function pgServiceFigures(
  o: BenchOptions,
  add: (f: Figure) => void,
  writes: readonly Envelope[],
  sameRun: { pgCeiling: number | undefined; sqlite: ServiceIngestion | undefined },
): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return log('  PostgreSQL service: skipped, DATABASE_URL is not set (run under deploy/postgres-local/with-postgres.sh)');
  let pgCeiling = sameRun.pgCeiling;
  if (pgCeiling === undefined) {
    pgCeiling = (await medianOf(o.runs, async () => ({ ceiling: await measurePostgresCeiling(url, writes) }))).ceiling;
    add({ id: 'pg-ceiling', label: 'PostgreSQL ceiling: bare pg, 100 events/transaction in one INSERT', value: pgCeiling, unit: 'events/s' });
  }
  const beside = (value: number, sqlite: number | undefined) =>
    `${((value / pgCeiling) * 100).toFixed(0)}% of the PostgreSQL ceiling${sqlite === undefined ? '' : `; ${((value / sqlite) * 100).toFixed(0)}% of the SQLite service's ${round(sqlite).toLocaleString('en-US')}`}`;
  const service = await startPgService(url);
  try {
    // As for the SQLite service: each run starts with the read models caught up; how long they took to catch up after it is reported.
    const steady =
      <T extends Record<string, number>>(measure: () => Promise<T>) =>
      async () => {
        await service.caughtUp();
        const result = await measure();
        return { ...result, catchUpMs: await service.caughtUp() };
      };
    const details = (r: LoadResult & { catchUpMs: number }) =>
      `p50 ${r.p50} ms, p99 ${r.p99} ms; non-2xx ${r.non2xx}; read models caught up ${round(r.catchUpMs).toLocaleString('en-US')} ms after the load`;
    const { batches, singles, spreadSingles } = ingestionLoads(o);
    const batch = await medianOf(
      o.runs,
      steady(() => batchIngestion(service.replicas, batches, o.seconds)),
    );
    add({
      id: 'pg-service-batch',
      label: 'PostgreSQL service (2 API replicas + 1 projector): HTTP batches of 100 (4 connections over both)',
      value: batch.eventsPerSecond,
      unit: 'events/s',
      notes: `${beside(batch.eventsPerSecond, sameRun.sqlite?.batch)}; ${details(batch)}`,
    });
    const single = await medianOf(
      o.runs,
      steady(() => singleIngestion(service.replicas, singles, o.seconds)),
    );
    add({
      id: 'pg-service-single',
      label: "PostgreSQL service: HTTP single events, 64 connections over both replicas (each partner's messages in a burst)",
      value: single.eventsPerSecond,
      unit: 'events/s',
      notes: `${beside(single.eventsPerSecond, sameRun.sqlite?.single)}; ${details(single)}`,
    });
    const spread = await medianOf(
      o.runs,
      steady(() => singleIngestion(service.replicas, spreadSingles, o.seconds)),
    );
    add({
      id: 'pg-service-single-interleaved',
      label: 'PostgreSQL service: HTTP single events, 64 connections over both replicas (1,000 partners interleaved)',
      value: spread.eventsPerSecond,
      unit: 'events/s',
      notes: `${beside(spread.eventsPerSecond, sameRun.sqlite?.interleaved)}; ${details(spread)}`,
    });
    await service.caughtUp();
    const { take: fresh } = feeder(programme({ partners: o.tiny ? 20 : 200, dealsPerPartner: 1, prefix: 'RYW' }));
    const visible = await medianOf(o.runs, () => readYourWrites(service, fresh(o.tiny ? 20 : 200)));
    add({
      id: 'pg-service-read-your-writes',
      label: 'PostgreSQL service: read-your-writes across replicas (POST on A, then GET status with minPosition on B, one at a time)',
      value: visible.p50,
      unit: 'ms',
      notes: `p99 ${round(visible.p99, 1)} ms from A's answer until B's`,
    });
  } catch (error) {
    log(`service output:\n${service.output()}`);
    throw error;
  } finally {
    await service.dispose();
  }
}

/** Connections Emmett's store gets: one per concurrent caller, so none of them waits for a connection. */
const EMMETT_CONNECTIONS = 64;

/**
 * The PostgreSQL store against a bare `pg` ceiling and Emmett's PostgreSQL store on the same
 * database and payloads, when DATABASE_URL is set. Each run measures all five in turn, so a run's
 * ratios compare figures taken minutes apart on the same (shared) machine, not hours apart.
 */
async function postgresFigures(o: BenchOptions, add: (f: Figure) => void, writes: readonly Envelope[]): Promise<number | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) return void log('  PostgreSQL: skipped, DATABASE_URL is not set (run under deploy/postgres-local/with-postgres.sh)');
  const singles = writes.slice(0, o.tiny ? 2_000 : 30_000);
  const ours = postgresBenchStore(url);
  const emmett = emmettBenchStore(url, EMMETT_CONNECTIONS);
  const m = await medianOf(o.runs, async () => {
    const ceiling = await measurePostgresCeiling(url, writes);
    const single = await singleAppends64(singles, ours);
    const batch = await batchAppends100(writes, ours);
    const emmettSingle = (await singleAppends64(singles, emmett)).eventsPerSecond;
    const emmettBatch = await batchAppends100(writes, emmett);
    return { ceiling, single: single.eventsPerSecond, perTransaction: single.eventsPerTransaction, batch, emmettSingle, emmettBatch };
  });
  const ofCeiling = (value: number) => `${((value / m.ceiling) * 100).toFixed(0)}% of the PostgreSQL ceiling`;
  const times = (value: number, peer: number) => `${(value / peer).toFixed(2)}× Emmett`;
  add({ id: 'pg-ceiling', label: 'PostgreSQL ceiling: bare pg, 100 events/transaction in one INSERT', value: m.ceiling, unit: 'events/s' });
  add({
    id: 'pg-store-single',
    label: 'PostgreSQL store: single-event appends, 64 concurrent callers (group commit)',
    value: m.single,
    unit: 'events/s',
    notes: `${ofCeiling(m.single)}; ${times(m.single, m.emmettSingle)}; ${round(m.perTransaction, 1)} appends per transaction`,
    target: { op: '>=', value: m.emmettSingle * 3, text: "≥ 3× Emmett's PostgreSQL store" },
  });
  add({
    id: 'pg-store-batch',
    label: 'PostgreSQL store: 100-event appends',
    value: m.batch,
    unit: 'events/s',
    notes: `${ofCeiling(m.batch)}; ${times(m.batch, m.emmettBatch)}`,
    target: { op: '>=', value: m.ceiling / 2, text: '≥ 50% of the PostgreSQL ceiling' },
  });
  add({
    id: 'emmett-single',
    label: `Emmett's PostgreSQL store ${EMMETT_VERSION}: single-event appends, 64 concurrent callers (${EMMETT_CONNECTIONS} connections)`,
    value: m.emmettSingle,
    unit: 'events/s',
    notes: `${ofCeiling(m.emmettSingle)}; one transaction per append`,
  });
  add({
    id: 'emmett-batch',
    label: `Emmett's PostgreSQL store ${EMMETT_VERSION}: 100-event appends`,
    value: m.emmettBatch,
    unit: 'events/s',
    notes: ofCeiling(m.emmettBatch),
  });
  return m.ceiling;
}

/** Kafka → store end to end on the local broker (`npm run kafka:start`), when KAFKA_BROKERS is set. */
async function kafkaFigures(o: BenchOptions, add: (f: Figure) => void): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) return log('  Kafka: skipped, KAFKA_BROKERS is not set (run under deploy/kafka-local/with-broker.sh)');
  const partners = o.tiny ? 100 : 2_500;
  const kafka = await medianOf(o.runs, async () => ({ perSecond: (await measureKafkaToStore(brokers.split(','), partners)).perSecond }));
  add({
    id: 'kafka',
    label: 'Kafka ingestion end to end, draining a backlog (produce → durable outcome, 23% bad messages)',
    value: kafka.perSecond,
    unit: 'messages/s',
    target: { op: '>=', value: 20_000, text: '≥ 20,000 messages/s' },
  });
  // Beside it, messages produced while the worker consumes (producer and worker share the machine),
  // with the load on the machine at the time.
  const live = await medianOf(o.runs, async () => ({ perSecond: (await measureKafkaToStore(brokers.split(','), partners, 'live')).perSecond }));
  const [load1] = loadavg();
  add({
    id: 'kafka-live',
    label: `Kafka ingestion end to end, live production (load average ${load1!.toFixed(2)} on ${cpus().length} cores)`,
    value: live.perSecond,
    unit: 'messages/s',
  });
}

/** Waits until the service's projector has applied everything (its lag metric reads 0). */
async function projectionCaughtUp(url: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if ((await projectionLag(url)) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the projector did not catch up within 5 minutes');
}

/** Events stored but not yet in the read models, from the service's metrics (updated every second). */
async function projectionLag(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const match = /^pp_projection_lag_events (\d+)$/m.exec(metrics);
  if (!match) throw new Error('pp_projection_lag_events is missing from /metrics');
  return Number(match[1]);
}

/** The ingestion validator alone, on the demo programme's envelopes (a warm-up pass first, for the JIT). */
function validationFigures(o: BenchOptions, add: (f: Figure) => void): void {
  const envelopes = demoEnvelopes(o.tiny ? 10_000 : 100_000);
  const now = Date.parse('2026-11-02T00:00:00Z');
  validationCost(envelopes, now);
  const runs = Array.from({ length: o.runs }, () => validationCost(envelopes, now));
  const cost = {
    cpu: median(runs.map((r) => r.cpuNsPerMessage)),
    wall: median(runs.map((r) => r.wallNsPerMessage)),
    bytes: median(runs.map((r) => r.bytesPerMessage)),
  };
  const [load1] = loadavg();
  add({
    id: 'validation',
    label: `envelope validation, ${envelopes.length.toLocaleString('en-US')} demo-programme envelopes (${runs[0]!.invalid} invalid)`,
    value: cost.cpu,
    unit: 'CPU ns/message',
    notes: `${round(cost.bytes)} bytes allocated per message; wall clock ${round(cost.wall)} ns/message at load average ${load1!.toFixed(1)}`,
  });
}

async function latencyFigures(o: BenchOptions, add: (f: Figure) => void): Promise<void> {
  const messages = [...take(programme({ partners: 100, dealsPerPartner: 2, prefix: 'L' }), o.tiny ? 50 : 300)];
  const latency = await medianOf(o.runs, () => appendToVisible(messages));
  add({
    id: 'append-to-visible',
    label: `append → read model visible, one process (${latency.samples} appends, one at a time)`,
    value: latency.p50,
    unit: 'ms (p50)',
    notes: `p90 ${round(latency.p90, 1)} ms`,
  });
}

async function rebuildFigures(o: BenchOptions, add: (f: Figure) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-rebuild-'));
  try {
    const events = await loadStore(dir, programme({ partners: o.partners, dealsPerPartner: o.dealsPerPartner, prefix: 'R' }));
    const rebuild = await medianOf(o.runs, async () => rebuildInChild(dir));
    add({
      id: 'rebuild',
      label: `projection rebuild, ${events.toLocaleString('en-US')} events`,
      value: rebuild.eventsPerSecond,
      unit: 'events/s',
      notes: `peak RSS ${round(rebuild.peakRssMiB)} MiB`,
      target: { op: '>=', value: 100_000, text: '≥ 100,000 events/s; 5 M events within 1 GiB' },
    });
    const capped = await medianOf(o.runs, async () => rebuildInChild(dir, 640));
    add({
      id: 'rebuild-capped',
      label: `projection rebuild, ${events.toLocaleString('en-US')} events, V8 heap capped at 640 MiB`,
      value: capped.peakRssMiB,
      unit: 'MiB peak RSS',
      notes: `${round(capped.eventsPerSecond)} events/s`,
      target: { op: '<=', value: 1024, text: '≤ 1 GiB' },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** GET /v1/exports/partner-status's work on a generated programme (5 M events with --scale): time and the exporting process's peak RSS. */
async function exportFigures(o: BenchOptions, add: (f: Figure) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-bench-export-'));
  try {
    const events = await loadStore(dir, programme({ partners: o.partners, dealsPerPartner: o.dealsPerPartner, prefix: 'X' }));
    const size = `${o.partners.toLocaleString('en-US')} partners, ${events.toLocaleString('en-US')} events`;
    const ndjson = await medianOf(o.runs, async () => exportInChild(dir, 'ndjson'));
    add({
      id: 'export-ndjson',
      label: `partner-status export, NDJSON, ${size}`,
      value: ndjson.ms / 1000,
      unit: 's',
      notes: `${round(ndjson.partners / (ndjson.ms / 1000))} partners/s, ${round(events / (ndjson.ms / 1000))} events/s; peak RSS ${round(ndjson.peakRssMiB)} MiB; ${round(ndjson.bytes / 2 ** 20, 1)} MiB written`,
    });
    const csv = exportInChild(dir, 'csv');
    add({
      id: 'export-csv',
      label: `partner-status export, CSV, ${size} (one run)`,
      value: csv.ms / 1000,
      unit: 's',
      notes: `peak RSS ${round(csv.peakRssMiB)} MiB; ${round(csv.bytes / 2 ** 20, 1)} MiB written`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same log projected into the SQLite and the PostgreSQL read models (PostgreSQL only with DATABASE_URL). */
async function readModelFigures(o: BenchOptions, add: (f: Figure) => void): Promise<void> {
  const url = process.env.DATABASE_URL;
  const source = await readModelLog(o);
  try {
    const size = `${source.events.toLocaleString('en-US')} events`;
    for (const how of ['catch-up', 'rebuild'] as const) {
      const sqlite = await medianOf(o.runs, () => projectInto(source.store, sqliteTarget(), how));
      add({ id: `rm-sqlite-${how}`, label: `read models on SQLite: ${how}, ${size}`, value: sqlite.eventsPerSecond, unit: 'events/s' });
      if (!url) {
        log('  read models on PostgreSQL: skipped, DATABASE_URL is not set');
        continue;
      }
      const postgres = await medianOf(o.runs, () => projectInto(source.store, postgresTarget(url), how));
      add({
        id: `rm-pg-${how}`,
        label: `read models on PostgreSQL: ${how}, ${size}`,
        value: postgres.eventsPerSecond,
        unit: 'events/s',
        notes: `${((postgres.eventsPerSecond / sqlite.eventsPerSecond) * 100).toFixed(0)}% of SQLite's`,
      });
    }
  } finally {
    await source.dispose();
  }
}

/** The programme routes' queries over every generated partner, on SQLite and (with DATABASE_URL) PostgreSQL. */
async function programmeFigures(o: BenchOptions, add: (f: Figure) => void): Promise<void> {
  const source = await programmeLog(o);
  const calls = o.tiny ? 3 : 20;
  try {
    const targets = [
      ['SQLite', sqliteTarget()] as const,
      ...(process.env.DATABASE_URL ? [['PostgreSQL', postgresTarget(process.env.DATABASE_URL)] as const] : []),
    ];
    if (!process.env.DATABASE_URL) log('  programme queries on PostgreSQL: skipped, DATABASE_URL is not set');
    for (const [name, open] of targets) {
      const cost = await medianOf(o.runs, () => programmeQueryCost(source.store, open, calls));
      const size = `${cost.partners.toLocaleString('en-US')} partners`;
      const id = name === 'SQLite' ? 'sqlite' : 'pg';
      add({ id: `programme-${id}-summary`, label: `programme summary counts on ${name}, ${size}`, value: cost.countsMs, unit: 'ms' });
      add({ id: `programme-${id}-history`, label: `tier history, 400 daily points of one area, on ${name}, ${size}`, value: cost.historyMs, unit: 'ms' });
      add({ id: `programme-${id}-close`, label: `close to the next tier, first page of 100, on ${name}, ${size}`, value: cost.closeMs, unit: 'ms' });
    }
  } finally {
    await source.dispose();
  }
}

function* take<T>(source: Iterable<T>, count: number): Generator<T> {
  let n = 0;
  for (const item of source) {
    if (n++ >= count) return;
    yield item;
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack}\n`);
  process.exit(1);
});
