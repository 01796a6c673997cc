import { join } from 'node:path';
import { KafkaWorker } from './kafka-worker';
import { FileCheckpointStore } from './publish/file-checkpoint.store';
import { type KafkaTopicNames, suffixedTopics } from './kafka-topics';
import { type IngestionFixture, allEvents, openIngestion, removeDir, tempDir } from './testing/ingestion-fixture';
import { deleteTestTopics, testKafka, testKafkaConfig, uniqueSuffix, waitFor } from './testing/kafka-test-env';
import { produce, readTopic } from './testing/topic-reader';
import { partnerScenarios } from './testing/upstream-envelopes';
import type { TierChange } from './publish/status-change.publisher';

// ── The composition a shell wires: topics created, intake and both publishers running ───────

jest.setTimeout(60_000);

describe('KafkaWorker (real broker)', () => {
  const kafka = testKafka();
  const topics: KafkaTopicNames = suffixedTopics(uniqueSuffix());
  let dir: string;
  let fx: IngestionFixture;
  let worker: KafkaWorker | undefined;

  beforeEach(() => {
    dir = tempDir();
    fx = openIngestion(dir);
  });

  let publishing: { stop: AbortController; done: Promise<void> } | undefined;

  afterEach(async () => {
    publishing?.stop.abort();
    await publishing?.done;
    await worker?.stop();
    await fx.close();
    removeDir(dir);
    await deleteTestTopics(kafka, topics);
  });

  it('creates its topics, ingests, publishes notices and status changes, and reports readiness', async () => {
    const change: TierChange = {
      sequence: 1,
      changeId: 'c-1',
      partnerId: 'P-K',
      area: 'hybrid-cloud-infrastructure',
      from: null,
      to: 'partner',
      badge: false,
      at: '2021-02-01T10:00:00.000Z',
      position: 1,
    };
    const outcomes: string[] = [];
    worker = new KafkaWorker({
      config: testKafkaConfig('partner-program'),
      ingestion: fx.service,
      store: fx.store,
      tierChanges: (after) => (after < 1 ? [change] : []),
      checkpoints: (publisher) => new FileCheckpointStore(join(dir, 'kafka', `${publisher}.checkpoint.json`)),
      topics,
      upstreamPartitions: 2,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    await worker.start();
    const stop = new AbortController();
    publishing = { stop, done: worker.publishDuring(stop.signal) };
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics().finally(() => admin.disconnect())).toEqual(expect.arrayContaining(Object.values(topics)));

    const [signed, , , , , noSource] = partnerScenarios('P-K');
    await produce(kafka, topics.upstream, [signed!.message, noSource!.message]);
    await waitFor(
      () => outcomes.length === 2,
      () => outcomes.join(','),
    );
    expect(outcomes).toEqual(['appended', 'invalid']);
    await fx.handler.handle({ type: 'IssueDueRenewalNotice', partnerId: 'P-K', now: '2021-12-10T09:00:00.000Z' });
    const last = (await allEvents(fx.store)).at(-1)!.position.toString();
    await waitFor(
      () => worker!.renewalNotices!.counters.checkpoint === last && worker!.statusChanges!.counters.published === 1,
      () => 'publishers',
    );

    expect(await readTopic(kafka, topics.renewalNotices)).toHaveLength(1);
    expect((await readTopic(kafka, topics.statusChanges)).map((r) => r.headers['pp-change-id'])).toEqual(['c-1']);
    expect(await readTopic(kafka, topics.deadLetter)).toHaveLength(1);
    await waitFor(
      () => worker!.isConnected(),
      () => 'readiness',
    );
  });
});
