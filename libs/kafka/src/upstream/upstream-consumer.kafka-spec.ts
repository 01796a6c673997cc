import type { Kafka } from 'kafkajs';
import type { KafkaTopicNames } from '../kafka-topics';
import { type IngestionFixture, allEvents, openIngestion, removeDir, tempDir } from '../testing/ingestion-fixture';
import { createTestTopics, deleteTestTopics, testKafka, uniqueSuffix, waitFor } from '../testing/kafka-test-env';
import { committedOffsets, produce, readTopic } from '../testing/topic-reader';
import { type Scenario, countExpected, partnerScenarios } from '../testing/upstream-envelopes';
import { DLQ_HEADERS } from './dead-letter';
import { UpstreamConsumer } from './upstream-consumer';

// ── The ingestion worker on a real broker: outcomes, store content, dead letters, commits ────

jest.setTimeout(60_000);

const PARTNERS = ['P-A', 'P-B', 'P-C', 'P-D', 'P-E', 'P-F', 'P-G', 'P-H', 'P-I', 'P-J'];
const CODES: Record<string, string> = {
  'messageId reused with new content': 'message-id-reused',
  'renewing an unknown agreement': 'agreement-not-active',
  'no source': 'invalid',
  'not JSON': 'invalid',
};

describe('UpstreamConsumer (real broker)', () => {
  let kafka: Kafka;
  let topics: KafkaTopicNames;
  let dir: string;
  let fx: IngestionFixture;
  let consumer: UpstreamConsumer;
  const scenarios: Scenario[] = PARTNERS.flatMap(partnerScenarios);
  const groupId = `ingestion${uniqueSuffix()}`;
  const total = () => Object.values(consumer.counters.messages).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    kafka = testKafka();
    topics = await createTestTopics(kafka, { upstreamPartitions: 6 });
    dir = tempDir();
    fx = openIngestion(dir);
    await produce(
      kafka,
      topics.upstream,
      scenarios.map((s) => s.message),
    );
    consumer = new UpstreamConsumer({ kafka, ingestion: fx.service, topics, groupId, chunkSize: 8 });
    await consumer.start();
    await waitFor(
      () => total() === scenarios.length,
      () => JSON.stringify(consumer.counters),
    );
  });

  afterAll(async () => {
    await consumer?.stop();
    await fx?.close();
    if (dir) removeDir(dir);
    if (kafka && topics) await deleteTestTopics(kafka, topics);
  });

  it('gives each message its outcome, in order per partner across partitions', () => {
    expect(consumer.counters.messages).toEqual(countExpected(scenarios));
    expect(consumer.counters.retries).toBe(0);
    expect(consumer.isConnected()).toBe(true);
  });

  it('stores each appended event exactly once', async () => {
    const stored = (await allEvents(fx.store))
      .filter((e) => e.type !== 'MessageRejected')
      .map((e) => e.metadata.messageId)
      .sort();
    const appended = scenarios
      .filter((s) => s.expected === 'appended')
      .map((s) => s.messageId)
      .sort();
    expect(stored).toEqual(appended);
  });

  it('keeps invalid and rejected messages in the rejection log with their Kafka origin', async () => {
    const upstream = await readTopic(kafka, topics.upstream);
    const kept = await fx.listRejections();
    expect(kept).toHaveLength(scenarios.filter((s) => s.expected === 'invalid' || s.expected === 'rejected').length);
    for (const entry of kept) {
      const origin = entry.origin as { transport: string; topic: string; partition: number; offset: string };
      expect(origin.transport).toBe('kafka');
      const original = upstream.find((r) => r.partition === origin.partition && r.offset === origin.offset);
      expect(original?.value).toBe(entry.payload);
    }
  });

  it('dead-letters the message as received with outcome, reason, code and origin headers', async () => {
    const upstream = await readTopic(kafka, topics.upstream);
    const dlq = await readTopic(kafka, topics.deadLetter);
    const expected = scenarios.filter((s) => s.expected === 'invalid' || s.expected === 'rejected');
    expect(dlq).toHaveLength(expected.length);
    for (const record of dlq) {
      const h = record.headers;
      const original = upstream.find((r) => String(r.partition) === h[DLQ_HEADERS.partition] && r.offset === h[DLQ_HEADERS.offset]);
      const scenario = expected.find((s) => s.message.value === record.value);
      expect(h[DLQ_HEADERS.topic]).toBe(topics.upstream);
      expect(original).toMatchObject({ key: record.key, value: record.value });
      expect(h[DLQ_HEADERS.outcome]).toBe(scenario?.expected);
      expect(h[DLQ_HEADERS.code]).toBe(CODES[scenario!.label]);
      expect(h[DLQ_HEADERS.reason]?.length).toBeGreaterThan(0);
    }
    const notJson = dlq.find((r) => r.value?.includes('oops'));
    expect(notJson?.headers[DLQ_HEADERS.reason]).toContain('malformed JSON');
  });

  it('commits every partition to its end once all outcomes are durable', async () => {
    const committed = await committedOffsets(kafka, groupId, topics.upstream);
    const upstream = await readTopic(kafka, topics.upstream);
    for (const [partition, offset] of committed) {
      const inPartition = upstream.filter((r) => r.partition === partition).length;
      expect(offset).toBe(inPartition === 0 ? -1n : BigInt(inPartition));
    }
  });
});
