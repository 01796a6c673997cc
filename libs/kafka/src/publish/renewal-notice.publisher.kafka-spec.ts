import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FencedOutError } from '@partner-program/event-store';
import type { Kafka } from 'kafkajs';
import type { KafkaTopicNames } from '../kafka-topics';
import { type IngestionFixture, allEvents, openIngestion, removeDir, tempDir } from '../testing/ingestion-fixture';
import { createTestTopics, deleteTestTopics, testKafka, waitFor } from '../testing/kafka-test-env';
import { readTopic } from '../testing/topic-reader';
import { partnerScenarios } from '../testing/upstream-envelopes';
import type { CheckpointStore } from './checkpoint-store';
import { FileCheckpointStore } from './file-checkpoint.store';
import { MESSAGE_ID_HEADER } from './notice.publisher';
import { RenewalNoticePublisher } from './renewal-notice.publisher';

// ── Renewal notices from the store (the outbox) to Kafka, once per notice, resumable ────────

jest.setTimeout(60_000);

/** Agreements of `partnerScenarios` expire 2022-01-31: notices are due from 2021-12-02. */
const DUE = '2021-12-10T09:00:00.000Z';

describe('RenewalNoticePublisher (real broker)', () => {
  let kafka: Kafka;
  let topics: KafkaTopicNames;
  let dir: string;
  let fx: IngestionFixture;
  let publisher: RenewalNoticePublisher | undefined;

  const signAndIssue = async (partners: string[]) => {
    for (const partnerId of partners) {
      const [signed] = partnerScenarios(partnerId);
      await fx.service.ingest({ body: JSON.parse(signed!.message.value as string), payload: signed!.message.value as string, origin: { transport: 'http' } });
      // Issued twice: the second decision finds the notice and adds nothing.
      await fx.handler.handle({ type: 'IssueDueRenewalNotice', partnerId, now: DUE });
      await fx.handler.handle({ type: 'IssueDueRenewalNotice', partnerId, now: DUE });
    }
  };
  const startPublisher = async (checkpoints: CheckpointStore) => {
    publisher = new RenewalNoticePublisher({ kafka, store: fx.store, checkpoints, topic: topics.renewalNotices, idleMs: 50, pageSize: 4 });
    await publisher.start();
    return publisher;
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
    await signAndIssue(['P-1', 'P-2', 'P-3']);
    const p = await startPublisher(new FileCheckpointStore(join(dir, 'notices.json')));
    const last = (await allEvents(fx.store)).at(-1)!.position.toString();
    await waitFor(
      () => p.counters.checkpoint === last,
      () => JSON.stringify(p.counters),
    );

    const records = await readTopic(kafka, topics.renewalNotices);
    expect(records).toHaveLength(3);
    const notices = (await allEvents(fx.store)).filter((e) => e.type === 'RenewalNoticeIssued');
    for (const event of notices) {
      const partnerId = event.streamId.replace('partner-', '');
      const record = records.find((r) => r.key === partnerId)!;
      expect(JSON.parse(record.value!)).toEqual({
        noticeId: event.data['noticeId'],
        partnerId,
        agreementId: `A-${partnerId}`,
        expiresOn: '2022-01-31',
        dueOn: event.data['dueOn'],
        issuedAt: DUE,
      });
      expect(record.headers[MESSAGE_ID_HEADER]).toBe(event.data['noticeId']);
    }
    expect(p.isConnected()).toBe(true);
  });

  it('resumes after its checkpoint when restarted: only new notices are sent', async () => {
    const checkpoints = new FileCheckpointStore(join(dir, 'notices.json'));
    await signAndIssue(['P-1', 'P-2']);
    const first = await startPublisher(checkpoints);
    await waitFor(
      () => first.counters.published === 2,
      () => JSON.stringify(first.counters),
    );
    await first.stop();
    publisher = undefined;

    await signAndIssue(['P-3', 'P-4', 'P-5']);
    const second = await startPublisher(new FileCheckpointStore(join(dir, 'notices.json')));
    const last = (await allEvents(fx.store)).at(-1)!.position.toString();
    await waitFor(
      () => second.counters.checkpoint === last,
      () => JSON.stringify(second.counters),
    );

    const ids = (await readTopic(kafka, topics.renewalNotices)).map((r) => r.headers[MESSAGE_ID_HEADER]);
    expect(second.counters.published).toBe(3);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(await checkpoints.load()).toBe(last);
  });

  it('re-sends a page whose checkpoint was not saved (at least once), with the same ids', async () => {
    await signAndIssue(['P-1']);
    const file = new FileCheckpointStore(join(dir, 'notices.json'));
    let failSaves = 1;
    const flaky: CheckpointStore = {
      load: () => file.load(),
      save: async (checkpoint) => {
        if (failSaves-- > 0) throw new Error('disk full');
        await file.save(checkpoint);
      },
    };
    const p = await startPublisher(flaky);
    const last = (await allEvents(fx.store)).at(-1)!.position.toString();
    await waitFor(
      async () => (await file.load()) === last,
      () => JSON.stringify(p.counters),
    );

    const records = await readTopic(kafka, topics.renewalNotices);
    expect(p.counters.failures).toBe(1);
    expect(records).toHaveLength(2);
    expect(records[0]!.headers[MESSAGE_ID_HEADER]).toBe(records[1]!.headers[MESSAGE_ID_HEADER]);
  });

  it('stops relaying once its checkpoint write is fenced out (another publisher leads), without retrying', async () => {
    await signAndIssue(['P-1', 'P-2', 'P-3']);
    let saves = 0;
    const fenced: CheckpointStore = {
      load: async () => undefined,
      save: async () => {
        saves += 1;
        throw new FencedOutError('checkpoint renewal-notices', 1n);
      },
    };
    const p = await startPublisher(fenced);
    await waitFor(
      () => saves === 1,
      () => JSON.stringify(p.counters),
    );
    await sleep(500); // ten idle periods: a publisher still relaying would have tried again
    expect(saves).toBe(1);
    expect(p.counters).toMatchObject({ failures: 0, checkpoint: '0' });
  });
});
