import { join } from 'node:path';
import { DEFAULT_CATALOG, TIER_RISK_NOTICE_DEFAULT_DAYS } from '@partner-program/domain';
import { booked, competency, goodStanding } from '@partner-program/domain/testing';
import type { Kafka } from 'kafkajs';
import type { KafkaTopicNames } from '../kafka-topics';
import { type IngestionFixture, allEvents, openIngestion, removeDir, tempDir } from '../testing/ingestion-fixture';
import { createTestTopics, deleteTestTopics, testKafka, waitFor } from '../testing/kafka-test-env';
import { readTopic } from '../testing/topic-reader';
import { FileCheckpointStore } from './file-checkpoint.store';
import { MESSAGE_ID_HEADER } from './notice.publisher';
import { TierRiskNoticePublisher } from './tier-risk-notice.publisher';

// ── Tier-at-risk notices from the store (the outbox) to Kafka, once per notice, resumable ────

jest.setTimeout(60_000);

/** The agreement expires 2022-01-31 and the deal leaves the window on 2022-02-01: the drop's notices are due from 2022-01-02. */
const DUE = '2022-01-05T09:00:00.000Z';
const FACTS = [...goodStanding('2021-01-01', '2022-01-31'), competency('2021-01-01', 'vmc-on-aws'), booked('2021-02-01', 'D-1', 'vmc-on-aws', 60_000)];

describe('TierRiskNoticePublisher (real broker)', () => {
  let kafka: Kafka;
  let topics: KafkaTopicNames;
  let dir: string;
  let fx: IngestionFixture;
  let publisher: TierRiskNoticePublisher | undefined;

  const recordAndReview = async (partners: string[]) => {
    for (const partnerId of partners) {
      // A messageId is unique in the whole store: each partner's facts get their own.
      for (const fact of FACTS) {
        await fx.handler.handle({ type: 'RecordFact', partnerId, fact: { ...fact, meta: { ...fact.meta, messageId: `${partnerId}-${fact.meta.messageId}` } } });
      }
      // Reviewed twice: the second decision finds the notices issued and adds nothing.
      const review = { type: 'ReviewTierRiskNotices', partnerId, now: DUE, leadDays: TIER_RISK_NOTICE_DEFAULT_DAYS, catalog: DEFAULT_CATALOG } as const;
      await fx.handler.handle(review);
      await fx.handler.handle(review);
    }
  };
  const publishAll = async (file: string) => {
    publisher = new TierRiskNoticePublisher({
      kafka,
      store: fx.store,
      checkpoints: new FileCheckpointStore(file),
      topic: topics.tierRiskNotices,
      idleMs: 50,
      pageSize: 4,
    });
    await publisher.start();
    const p = publisher;
    const last = (await allEvents(fx.store)).at(-1)!.position.toString();
    await waitFor(
      () => p.counters.checkpoint === last,
      () => JSON.stringify(p.counters),
    );
    return p;
  };

  beforeEach(async () => {
    kafka = testKafka();
    topics = await createTestTopics(kafka);
    dir = tempDir();
    fx = openIngestion(dir);
  });

  afterEach(async () => {
    await publisher?.stop();
    publisher = undefined;
    await fx.close();
    removeDir(dir);
    await deleteTestTopics(kafka, topics);
  });

  it('publishes each issued notice once, keyed by partner, with the noticeId as message id', async () => {
    await recordAndReview(['P-1', 'P-2']);
    await publishAll(join(dir, 'risk.json'));
    const issued = (await allEvents(fx.store)).filter((e) => e.type === 'TierRiskNoticeIssued');
    expect(issued.length).toBeGreaterThanOrEqual(2);
    const records = await readTopic(kafka, topics.tierRiskNotices);
    expect(records).toHaveLength(issued.length);
    for (const event of issued) {
      const partnerId = event.streamId.replace('partner-', '');
      const record = records.find((r) => r.headers[MESSAGE_ID_HEADER] === event.data['noticeId'])!;
      expect(record.key).toBe(partnerId);
      const { noticeId, area, from, to, dropOn, dueOn, causes, prevention } = event.data;
      expect(JSON.parse(record.value!)).toEqual({ noticeId, partnerId, area, from, to, dropOn, dueOn, causes, prevention, issuedAt: DUE });
      expect(JSON.parse(record.value!)).toMatchObject({ area: 'vmc-on-aws', dropOn: '2022-02-01', dueOn: '2022-01-02' });
    }
  });

  it('resumes after its checkpoint when restarted: only new notices are sent', async () => {
    await recordAndReview(['P-1']);
    const first = await publishAll(join(dir, 'risk.json'));
    await first.stop();
    publisher = undefined;
    await recordAndReview(['P-2']);
    const second = await publishAll(join(dir, 'risk.json'));
    const ids = (await readTopic(kafka, topics.tierRiskNotices)).map((r) => r.headers[MESSAGE_ID_HEADER]);
    const issued = (await allEvents(fx.store)).filter((e) => e.type === 'TierRiskNoticeIssued');
    expect(first.counters.published + second.counters.published).toBe(issued.length);
    expect(new Set(ids).size).toBe(issued.length);
    expect(ids).toHaveLength(issued.length);
  });
});
