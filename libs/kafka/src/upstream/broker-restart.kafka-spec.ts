import type { Kafka } from 'kafkajs';
import { logLevel } from 'kafkajs';
import { createKafkaClient } from '../kafka-client.factory';
import { type KafkaTopicNames, ensureTopics, suffixedTopics } from '../kafka-topics';
import { type IngestionFixture, allEvents, openIngestion, removeDir, slowAppends, tempDir } from '../testing/ingestion-fixture';
import { uniqueSuffix, waitFor } from '../testing/kafka-test-env';
import { LocalBroker } from '../testing/local-broker';
import { designedRecords, mixedTraffic, storedRecords } from '../testing/mixed-traffic';
import { committedOffsets, produce } from '../testing/topic-reader';
import { UpstreamConsumer } from './upstream-consumer';

// ── The broker stops and comes back mid-stream: the worker recovers on its own ──────────────
// Runs its own broker (deploy/kafka-local scripts) on KAFKA_RESTART_TEST_PORT (default 19392),
// so stopping it does not disturb the other specs.

jest.setTimeout(150_000);

const broker = new LocalBroker(Number(process.env['KAFKA_RESTART_TEST_PORT'] ?? 19392));
const PARTNERS = 100;

describe('UpstreamConsumer across a broker restart', () => {
  let kafka: Kafka;
  let topics: KafkaTopicNames;
  let dir: string;
  let fx: IngestionFixture;
  let consumer: UpstreamConsumer | undefined;
  const groupId = `ingestion${uniqueSuffix()}`;
  const processed = () => Object.values(consumer!.counters.messages).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    await broker.start();
    kafka = createKafkaClient({ brokers: [broker.brokers], clientId: 'restart-spec', ssl: false }, { logLevel: logLevel.NOTHING });
    topics = suffixedTopics(uniqueSuffix());
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, topics, { upstreamPartitions: 4 }).finally(() => admin.disconnect());
    dir = tempDir();
    // Slow appends keep the worker busy, so the broker goes away in the middle of the stream.
    fx = openIngestion(dir, slowAppends(100));
  });

  afterAll(async () => {
    await consumer?.stop();
    await fx?.close();
    if (dir) removeDir(dir);
    await broker.stop();
  });

  it('keeps consuming after the broker restarts: nothing lost, nothing stored twice, commits catch up', async () => {
    const messages = mixedTraffic(PARTNERS);
    const half = messages.length / 2;
    await produce(kafka, topics.upstream, messages.slice(0, half));
    // The restarted broker remembers the crashed member until its session times out: keep that short.
    consumer = new UpstreamConsumer({ kafka, ingestion: fx.service, topics, groupId, chunkSize: 20, staleAfterMs: 8_000, sessionTimeoutMs: 10_000 });
    await consumer.start();
    await waitFor(
      () => processed() >= 100,
      () => JSON.stringify(consumer!.counters),
    );

    expect(processed()).toBeLessThan(half);
    await broker.stop();
    await waitFor(
      () => !consumer!.isConnected(),
      () => 'readiness still reports the broker connected',
      30_000,
    );
    await broker.start(true);
    await produce(kafka, topics.upstream, messages.slice(half));

    // Facts and the domain's refusals, each stored once.
    const designed = designedRecords(PARTNERS);
    const stored = designed.size;
    await waitFor(
      async () => (await allEvents(fx.store)).length === stored,
      () => JSON.stringify(consumer!.counters),
      120_000,
    );
    const events = await allEvents(fx.store);
    expect(storedRecords(events)).toEqual(designed);
    await waitFor(
      async () => {
        const committed = await committedOffsets(kafka, groupId, topics.upstream);
        return [...committed.values()].reduce((a, b) => a + b, 0n) === BigInt(messages.length);
      },
      () => JSON.stringify(consumer!.counters),
      60_000,
    );
    await waitFor(
      () => consumer!.isConnected(),
      () => 'readiness never recovered',
    );
    expect(await allEvents(fx.store)).toHaveLength(stored);
    expect(consumer.counters.retries).toBe(0);
  });
});
