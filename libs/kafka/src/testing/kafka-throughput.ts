import { logLevel } from 'kafkajs';
import { createKafkaClient } from '../kafka-client.factory';
import { type KafkaTopicNames, ensureTopics, suffixedTopics } from '../kafka-topics';
import { UpstreamConsumer } from '../upstream/upstream-consumer';
import { openIngestion, removeDir, tempDir } from './ingestion-fixture';
import { mixedTraffic } from './mixed-traffic';
import { produce } from './topic-reader';

// ── End-to-end Kafka → store throughput, for `npm run bench` ────────────────────────────────
// CLI: KAFKA_BROKERS=127.0.0.1:9092 node -r @swc-node/register libs/kafka/src/testing/kafka-throughput.ts [partners]
// prints one JSON line. The bench can import `measureKafkaToStore` instead.

/** What one measurement saw. */
export type KafkaThroughput = Readonly<{ messages: number; seconds: number; perSecond: number; outcomes: Record<string, number> }>;

/**
 * How the messages meet the worker: `backlog` — all produced first, then a new worker is timed
 * from its start (group join included) until the last outcome; `live` — the worker has joined,
 * then the messages are produced while it consumes, timed from the first send to the last outcome.
 */
export type KafkaLoad = 'backlog' | 'live';

/**
 * Sends `partners` × 22 mixed messages (about 77 % valid) to fresh topics and times a worker until
 * every message has a committed, durable outcome in a fresh SQLite store. Topics are deleted afterwards.
 */
export async function measureKafkaToStore(
  brokers: readonly string[],
  partners: number,
  load: KafkaLoad = 'backlog',
  upstreamPartitions = 6,
): Promise<KafkaThroughput> {
  const kafka = createKafkaClient({ brokers, clientId: 'kafka-bench', ssl: false }, { logLevel: logLevel.NOTHING });
  const topics: KafkaTopicNames = suffixedTopics(`.bench${Date.now().toString(36)}`);
  const admin = kafka.admin();
  await admin.connect();
  const dir = tempDir('pp-kafka-bench-');
  const fx = openIngestion(dir);
  try {
    await ensureTopics(admin, topics, { upstreamPartitions });
    const messages = mixedTraffic(partners);
    if (load === 'backlog') await produce(kafka, topics.upstream, messages);
    const consumer = new UpstreamConsumer({ kafka, ingestion: fx.service, topics, groupId: `bench-${topics.upstream}` });
    let started = process.hrtime.bigint();
    await consumer.start();
    let producing: Promise<void> = Promise.resolve();
    if (load === 'live') {
      while (!consumer.isConnected()) await new Promise((resolve) => setTimeout(resolve, 10));
      started = process.hrtime.bigint();
      producing = produce(kafka, topics.upstream, messages);
    }
    const total = () => Object.values(consumer.counters.messages).reduce((a, b) => a + b, 0);
    while (total() < messages.length) await new Promise((resolve) => setTimeout(resolve, 10));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await producing;
    await consumer.stop();
    return { messages: messages.length, seconds, perSecond: messages.length / seconds, outcomes: { ...consumer.counters.messages } };
  } finally {
    await fx.close();
    removeDir(dir);
    await admin.deleteTopics({ topics: Object.values(topics) }).catch(() => undefined);
    await admin.disconnect();
  }
}

if (require.main === module) {
  const brokers = process.env['KAFKA_BROKERS'];
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (deploy/kafka-local/start.sh prints it)');
  measureKafkaToStore(brokers.split(','), Number(process.argv[2] ?? 1000), process.argv[3] === 'live' ? 'live' : 'backlog').then(
    (result) => process.stdout.write(`${JSON.stringify({ name: 'kafka-to-store', ...result })}\n`),
    (error: Error) => {
      process.stderr.write(`${error.stack}\n`);
      process.exit(1);
    },
  );
}
