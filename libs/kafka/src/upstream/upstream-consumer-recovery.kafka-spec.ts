import type { Kafka } from 'kafkajs';
import type { KafkaTopicNames } from '../kafka-topics';
import { type IngestionFixture, allEvents, failingAppends, openIngestion, removeDir, slowAppends, tempDir } from '../testing/ingestion-fixture';
import { createTestTopics, deleteTestTopics, testKafka, uniqueSuffix, waitFor } from '../testing/kafka-test-env';
import { committedOffsets, produce, readTopic, topicSize } from '../testing/topic-reader';
import { countExpected, creditsBooked, partnerScenarios } from '../testing/upstream-envelopes';
import { UpstreamConsumer } from './upstream-consumer';

// ── Crash safety of the worker: stop mid-batch and restart; transient store failures ───────

jest.setTimeout(90_000);

const processed = (consumer: UpstreamConsumer) => Object.values(consumer.counters.messages).reduce((a, b) => a + b, 0);

describe('UpstreamConsumer recovery (real broker)', () => {
  let kafka: Kafka;
  let topics: KafkaTopicNames;
  let dir: string;
  let fx: IngestionFixture | undefined;
  let consumer: UpstreamConsumer | undefined;

  beforeEach(async () => {
    kafka = testKafka();
    topics = await createTestTopics(kafka, { upstreamPartitions: 3 });
    dir = tempDir();
  });

  afterEach(async () => {
    await consumer?.stop();
    await fx?.close();
    consumer = fx = undefined;
    removeDir(dir);
    await deleteTestTopics(kafka, topics);
  });

  it('commits nothing unfinished when stopped mid-batch; after a restart nothing is lost or stored twice', async () => {
    const partners = Array.from({ length: 30 }, (_, i) => `P-${i}`);
    const values = partners.flatMap((p) => [
      partnerScenarios(p)[0]!.message.value as string,
      ...Array.from({ length: 19 }, (_, n) => JSON.stringify(creditsBooked(p, n))),
    ]);
    const keys = partners.flatMap((p) => Array<string>(20).fill(p));
    await produce(
      kafka,
      topics.upstream,
      values.map((value, i) => ({ key: keys[i]!, value })),
    );
    const groupId = `ingestion${uniqueSuffix()}`;

    fx = openIngestion(dir, slowAppends(5));
    consumer = new UpstreamConsumer({ kafka, ingestion: fx.service, topics, groupId, chunkSize: 40, partitionsConsumedConcurrently: 3 });
    await consumer.start();
    await waitFor(
      () => processed(consumer!) >= 150,
      () => JSON.stringify(consumer!.counters),
    );
    await consumer.stop();
    const firstRun = processed(consumer);
    expect(firstRun).toBeLessThan(values.length);

    // Every committed offset covers only messages whose events are in the store.
    const stored = new Set((await allEvents(fx.store)).map((e) => e.metadata.messageId));
    const committed = await committedOffsets(kafka, groupId, topics.upstream);
    const upstream = await readTopic(kafka, topics.upstream);
    const covered = upstream.filter((r) => BigInt(r.offset) < (committed.get(r.partition) ?? -1n));
    expect(covered.length).toBeGreaterThan(0);
    for (const r of covered) expect(stored.has((JSON.parse(r.value!) as { messageId: string }).messageId)).toBe(true);

    // "Restart the process": reopen the files, a new worker in the same group.
    await fx.close();
    fx = openIngestion(dir);
    consumer = new UpstreamConsumer({ kafka, ingestion: fx.service, topics, groupId, chunkSize: 40 });
    await consumer.start();
    await waitFor(
      async () => (await allEvents(fx!.store)).length === values.length && processed(consumer!) >= values.length - covered.length,
      () => JSON.stringify(consumer!.counters),
    );
    const events = await allEvents(fx.store);
    expect(new Set(events.map((e) => e.metadata.messageId)).size).toBe(values.length);
    expect(consumer.counters.messages).toMatchObject({ invalid: 0, rejected: 0 });
    expect(consumer.counters.messages.appended).toBe(values.length - stored.size);
    expect(consumer.counters.messages.duplicate).toBe(stored.size - covered.length);
    await waitFor(
      async () => [...(await committedOffsets(kafka, groupId, topics.upstream)).values()].reduce((a, b) => a + b, 0n) === BigInt(values.length),
      () => 'commits to the end',
    );
  });

  it('retries transient store failures with backoff, in order, and never dead-letters them', async () => {
    const scenarios = ['P-X', 'P-Y'].flatMap(partnerScenarios);
    await produce(
      kafka,
      topics.upstream,
      scenarios.map((s) => s.message),
    );
    const faults = failingAppends(4);
    fx = openIngestion(dir, faults.wrap);
    consumer = new UpstreamConsumer({ kafka, ingestion: fx.service, topics, groupId: `ingestion${uniqueSuffix()}`, backoff: { initialMs: 20, maxMs: 100 } });
    await consumer.start();
    await waitFor(
      () => processed(consumer!) === scenarios.length,
      () => JSON.stringify(consumer!.counters),
    );

    expect(faults.thrown()).toBe(4);
    expect(consumer.counters.retries).toBe(4);
    expect(consumer.counters.messages).toEqual(countExpected(scenarios));
    const stored = (await allEvents(fx.store))
      .filter((e) => e.type !== 'MessageRejected')
      .map((e) => e.metadata.messageId)
      .sort();
    expect(stored).toEqual(
      scenarios
        .filter((s) => s.expected === 'appended')
        .map((s) => s.messageId)
        .sort(),
    );
    const deadLetters = scenarios.filter((s) => s.expected === 'invalid' || s.expected === 'rejected').length;
    expect(await topicSize(kafka, topics.deadLetter)).toBe(BigInt(deadLetters));
  });
});
