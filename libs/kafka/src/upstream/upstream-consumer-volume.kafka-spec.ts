import { DEFAULT_CATALOG } from '@partner-program/domain';
import type { IngestResult } from '@partner-program/ingestion';
import { PartnerProjector, ReadModelDatabase } from '@partner-program/read-models';
import type { Kafka } from 'kafkajs';
import type { KafkaTopicNames } from '../kafka-topics';
import { type IngestionFixture, allEvents, openIngestion, removeDir, tempDir } from '../testing/ingestion-fixture';
import { createTestTopics, deleteTestTopics, testKafka, uniqueSuffix, waitFor } from '../testing/kafka-test-env';
import { PER_PARTNER, mixedTraffic } from '../testing/mixed-traffic';
import { produce, topicSize } from '../testing/topic-reader';
import { toUpstreamRecord } from './upstream-message';
import { UpstreamConsumer } from './upstream-consumer';

// ── 10,000 mixed messages through Kafka end in the same state as through the shared HTTP path ─

jest.setTimeout(120_000);

const PARTNERS = 500;

async function storeContent(fx: IngestionFixture): Promise<string[]> {
  return (await allEvents(fx.store)).map((e) => JSON.stringify([e.streamId, e.revision, e.type, e.metadata.messageId, e.metadata.occurredAt, e.data])).sort();
}

const rejections = async (fx: IngestionFixture) => (await fx.listRejections()).map((r) => `${r.messageId ?? '-'} ${r.code}`).sort();

/** Every partner's status as the read models give it, from a projection of the fixture's store. */
async function readModels(fx: IngestionFixture): Promise<Record<string, unknown>> {
  const db = ReadModelDatabase.open({ location: ':memory:' });
  try {
    const now = new Date('2026-11-28T00:00:00Z');
    await new PartnerProjector({ store: fx.store, db, catalog: DEFAULT_CATALOG, clock: () => now }).catchUp();
    const queries = db.queries();
    const partnerIds = [...new Set((await allEvents(fx.store)).map((e) => e.streamId.replace(/^partner-/, '')))].sort();
    // Positions differ between the two stores (interleaving); everything else must be equal.
    const statuses = await Promise.all(partnerIds.map(async (id) => [id, { ...(await queries.partnerStatus(id)), position: undefined }]));
    return Object.fromEntries(statuses);
  } finally {
    db.close();
  }
}

function countOutcomes(results: readonly IngestResult[]): Record<string, number> {
  const counts: Record<string, number> = { appended: 0, duplicate: 0, invalid: 0, rejected: 0 };
  for (const r of results) counts[r.outcome]! += 1;
  return counts;
}

describe('UpstreamConsumer with 10,000 mixed messages (real broker)', () => {
  let kafka: Kafka;
  let topics: KafkaTopicNames;
  const dirs = { kafka: '', http: '' };
  let viaKafka: IngestionFixture;
  let viaHttp: IngestionFixture;
  let consumer: UpstreamConsumer | undefined;

  beforeAll(async () => {
    kafka = testKafka();
    topics = await createTestTopics(kafka, { upstreamPartitions: 6 });
    dirs.kafka = tempDir();
    dirs.http = tempDir();
    viaKafka = openIngestion(dirs.kafka);
    viaHttp = openIngestion(dirs.http);
  });

  afterAll(async () => {
    await consumer?.stop();
    await viaKafka?.close();
    await viaHttp?.close();
    Object.values(dirs).forEach((dir) => dir && removeDir(dir));
    await deleteTestTopics(kafka, topics);
  });

  it('gives every message its outcome and the same store, read models and rejections as the HTTP batch path', async () => {
    const messages = mixedTraffic(PARTNERS);
    expect(messages).toHaveLength(11_000);
    await produce(kafka, topics.upstream, messages);

    const started = Date.now();
    consumer = new UpstreamConsumer({ kafka, ingestion: viaKafka.service, topics, groupId: `ingestion${uniqueSuffix()}` });
    await consumer.start();
    const processed = () => Object.values(consumer!.counters.messages).reduce((a, b) => a + b, 0);
    await waitFor(
      () => processed() === messages.length,
      () => JSON.stringify(consumer!.counters),
      100_000,
    );
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`kafka → store: ${messages.length} messages in ${seconds.toFixed(1)} s = ${Math.round(messages.length / seconds)} msg/s\n`);

    // The same messages, in the same order, through the shared path that POST /v1/events uses.
    const inputs = messages.map((m) => ({
      ...toUpstreamRecord('http', 0, { ...m, value: Buffer.from(m.value as string), offset: '0' } as never).input,
      origin: { transport: 'http' } as const,
    }));
    const reference = countOutcomes(await viaHttp.service.ingestBatch(inputs));
    const designed = Object.fromEntries(Object.entries(PER_PARTNER).map(([k, n]) => [k, n * PARTNERS]));
    expect(reference).toEqual(designed);
    expect(consumer.counters.messages).toEqual(designed);
    expect(consumer.counters.retries).toBe(0);

    expect(await storeContent(viaKafka)).toEqual(await storeContent(viaHttp));
    expect(await readModels(viaKafka)).toEqual(await readModels(viaHttp));
    expect(await rejections(viaKafka)).toEqual(await rejections(viaHttp));
    expect(await topicSize(kafka, topics.deadLetter)).toBe(BigInt(designed['invalid']! + designed['rejected']!));
  });
});
