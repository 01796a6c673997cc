import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import type { KafkaTopicNames } from '../kafka-topics';
import { allEvents, openIngestion, removeDir, tempDir } from '../testing/ingestion-fixture';
import { createTestTopics, deleteTestTopics, testKafka, uniqueSuffix, waitFor } from '../testing/kafka-test-env';
import { PER_PARTNER, designedRecords, mixedTraffic, storedRecords } from '../testing/mixed-traffic';
import { committedOffsets, produce, readTopic } from '../testing/topic-reader';
import { DLQ_HEADERS } from './dead-letter';

// ── SIGKILL the worker process at random moments, restart it: nothing lost, nothing twice ──

jest.setTimeout(150_000);

const ROOT = join(__dirname, '..', '..', '..', '..');
const PARTNERS = 100;
const KILLS = 3;

type Worker = { child: ChildProcess; processed: () => number; exited: Promise<unknown> };

function spawnWorker(args: string[]): Worker {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, '..', 'testing', 'crash-worker.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let processed = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    const last = /processed (\d+)\s*$/.exec(chunk.toString());
    if (last) processed = Number(last[1]);
  });
  return { child, processed: () => processed, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

describe('UpstreamConsumer killed with SIGKILL (real broker, child processes)', () => {
  let kafka: Kafka;
  let topics: KafkaTopicNames;
  let dir: string;
  let worker: Worker | undefined;

  beforeAll(async () => {
    kafka = testKafka();
    topics = await createTestTopics(kafka, { upstreamPartitions: 4 });
    dir = tempDir();
  });

  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await worker?.exited;
    removeDir(dir);
    await deleteTestTopics(kafka, topics);
  });

  it('loses nothing and stores nothing twice across random kills and restarts', async () => {
    const messages = mixedTraffic(PARTNERS);
    await produce(kafka, topics.upstream, messages);
    const groupId = `ingestion${uniqueSuffix()}`;
    const args = [dir, process.env['KAFKA_BROKERS']!, JSON.stringify(topics), groupId];
    const committedTotal = async () => [...(await committedOffsets(kafka, groupId, topics.upstream)).values()].reduce((a, b) => a + (b > 0n ? b : 0n), 0n);

    for (let kill = 0; kill < KILLS; kill++) {
      worker = spawnWorker(args);
      const target = 50 + Math.floor(Math.random() * 250);
      await waitFor(
        () => worker!.processed() >= target,
        () => `worker ${kill} processed ${worker!.processed()}`,
        60_000,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    expect(await committedTotal()).toBeLessThan(BigInt(messages.length));
    worker = spawnWorker(args);
    await waitFor(
      async () => (await committedTotal()) === BigInt(messages.length),
      () => `final worker processed ${worker!.processed()}`,
      90_000,
    );
    worker.child.kill('SIGKILL');
    await worker.exited;
    worker = undefined;

    const fx = openIngestion(dir);
    try {
      // Outcomes, not only counts: every message is stored once as what a crash-free run makes of
      // it; a reversal sent before its booking stays refused although the booking is stored now.
      const events = await allEvents(fx.store);
      expect(new Set(events.map((e) => e.metadata.messageId)).size).toBe(events.length);
      expect(storedRecords(events)).toEqual(designedRecords(PARTNERS));
      const kept = await fx.listRejections();
      expect(kept).toHaveLength((PER_PARTNER.invalid + PER_PARTNER.rejected) * PARTNERS);
      expect(new Set(kept.filter((r) => r.code === 'deal-not-booked').map((r) => r.messageId)).size).toBe(2 * PARTNERS);
    } finally {
      await fx.close();
    }
    // Dead letters are at least once: every bad message is there, a redelivered one maybe twice.
    const origins = new Set((await readTopic(kafka, topics.deadLetter)).map((r) => `${r.headers[DLQ_HEADERS.partition]}:${r.headers[DLQ_HEADERS.offset]}`));
    expect(origins.size).toBe((PER_PARTNER.invalid + PER_PARTNER.rejected) * PARTNERS);
  });
});
