import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { KafkaTopicNames } from '../kafka-topics';
import { removeDir, tempDir } from '../testing/ingestion-fixture';
import { createTestTopics, deleteTestTopics, testKafka, waitFor } from '../testing/kafka-test-env';
import { readTopic } from '../testing/topic-reader';
import { FileCheckpointStore } from './file-checkpoint.store';
import { CHANGE_ID_HEADER, StatusChangePublisher, type TierChange } from './status-change.publisher';

// ── Tier and badge changes from the read-model feed to Kafka, once per change, resumable ────

jest.setTimeout(60_000);

function change(sequence: number): TierChange {
  const partnerId = `P-${sequence % 4}`;
  const badge = sequence % 5 === 0;
  return {
    sequence,
    changeId: `${partnerId}:hci:${sequence}`,
    partnerId,
    area: 'hybrid-cloud-infrastructure',
    from: sequence % 2 ? 'partner' : null,
    to: badge ? 'principal' : 'advanced',
    badge,
    at: `2021-03-${String(sequence).padStart(2, '0')}T00:00:00.000Z`,
    position: sequence * 10,
  };
}

describe('StatusChangePublisher (real broker)', () => {
  let kafka: Kafka;
  let topics: KafkaTopicNames;
  let dir: string;
  let publisher: StatusChangePublisher | undefined;
  const feedRows: TierChange[] = [];
  const feed = (after: number, limit: number) => feedRows.filter((c) => c.sequence > after).slice(0, limit);

  beforeAll(async () => {
    kafka = testKafka();
    topics = await createTestTopics(kafka);
    dir = tempDir();
  });

  afterAll(async () => {
    await publisher?.stop();
    removeDir(dir);
    await deleteTestTopics(kafka, topics);
  });

  it('publishes every change keyed by partner with its change id, then only new ones after a restart', async () => {
    feedRows.push(...Array.from({ length: 7 }, (_, i) => change(i + 1)));
    const start = async () => {
      publisher = new StatusChangePublisher({
        kafka,
        feed,
        checkpoints: new FileCheckpointStore(join(dir, 'changes.json')),
        topic: topics.statusChanges,
        idleMs: 50,
        pageSize: 3,
      });
      await publisher.start();
      return publisher;
    };
    const first = await start();
    await waitFor(
      () => first.counters.checkpoint === '7',
      () => JSON.stringify(first.counters),
    );
    await first.stop();

    feedRows.push(change(8), change(9), change(10));
    const second = await start();
    await waitFor(
      () => second.counters.checkpoint === '10',
      () => JSON.stringify(second.counters),
    );
    expect(second.counters.published).toBe(3);

    const records = await readTopic(kafka, topics.statusChanges);
    expect(records.map((r) => r.headers[CHANGE_ID_HEADER]).sort()).toEqual(feedRows.map((c) => c.changeId).sort());
    for (const record of records) {
      const source = feedRows.find((c) => c.changeId === record.headers[CHANGE_ID_HEADER])!;
      const { partnerId, area, from, to, badge, at, position } = source;
      expect(record.key).toBe(partnerId);
      expect(JSON.parse(record.value!)).toEqual({ partnerId, area, from, to, badge, at, position });
    }
  });
});
