import { randomBytes } from 'node:crypto';
import { type Kafka, logLevel } from 'kafkajs';
import { createKafkaClient } from '../kafka-client.factory';
import type { KafkaConfig } from '../kafka-config';
import { type KafkaTopicNames, type TopicLayout, ensureTopics, suffixedTopics } from '../kafka-topics';

// ── The broker of a *.kafka-spec.ts: KAFKA_BROKERS, unique topics per test ───────────────────

/** The connection to the local test broker in `KAFKA_BROKERS` (plain, no TLS); fails with how to start one. */
export function testKafkaConfig(clientId = 'kafka-spec'): KafkaConfig {
  const brokers = process.env['KAFKA_BROKERS']?.trim();
  if (!brokers) {
    throw new Error(
      'KAFKA_BROKERS is not set. Start a broker with `deploy/kafka-local/start.sh` (it prints KAFKA_BROKERS=…) ' +
        'and run: KAFKA_BROKERS=127.0.0.1:9092 npm run test:kafka',
    );
  }
  return { brokers: brokers.split(',').map((broker) => broker.trim()), clientId, ssl: false };
}

/** The kafkajs client for the broker in `KAFKA_BROKERS`. */
export function testKafka(clientId = 'kafka-spec'): Kafka {
  return createKafkaClient(testKafkaConfig(clientId), { logLevel: logLevel.NOTHING });
}

/** A suffix no other test run uses, so tests can share one broker. */
export function uniqueSuffix(): string {
  return `.t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** Creates the four topics under a unique suffix; returns their names. */
export async function createTestTopics(kafka: Kafka, layout: TopicLayout = {}): Promise<KafkaTopicNames> {
  const topics = suffixedTopics(uniqueSuffix());
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, topics, layout);
  } finally {
    await admin.disconnect();
  }
  return topics;
}

/** Deletes the test's topics (best effort: a broker that is gone is not the test's failure). */
export async function deleteTestTopics(kafka: Kafka, topics: KafkaTopicNames): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics: Object.values(topics), timeout: 10_000 });
  } catch {
    // ignore
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Polls `check` until it returns true; fails with `describe()` after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, describe: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
