import { logLevel } from 'kafkajs';
import { createKafkaClient } from '../kafka-client.factory';
import type { KafkaTopicNames } from '../kafka-topics';
import { UpstreamConsumer } from '../upstream/upstream-consumer';
import { openIngestion, slowAppends } from './ingestion-fixture';

// ── Child process of upstream-consumer-kill.kafka-spec.ts: a worker that gets SIGKILLed ─────
// Usage: node -r @swc-node/register crash-worker.ts <dir> <brokers> <topics-json> <groupId>
// Prints `processed N` (messages committed by this process) every 50 ms.

const [dir, brokers, topicsJson, groupId] = process.argv.slice(2) as [string, string, string, string];
let processed = 0;
// Appends are slowed so that a kill lands mid-stream, however fast ingestion itself gets.
const fx = openIngestion(dir, slowAppends(10));
const consumer = new UpstreamConsumer({
  kafka: createKafkaClient({ brokers: brokers.split(','), clientId: 'crash-worker', ssl: false }, { logLevel: logLevel.NOTHING }),
  ingestion: fx.service,
  topics: JSON.parse(topicsJson) as KafkaTopicNames,
  groupId,
  chunkSize: 25,
  sessionTimeoutMs: 6_000,
  onOutcome: () => (processed += 1),
});
setInterval(() => process.stdout.write(`processed ${processed}\n`), 50);
consumer.start().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
