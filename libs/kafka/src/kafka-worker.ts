import { join } from 'node:path';
import { type EventStore, pause } from '@partner-program/event-store';
import type { Kafka } from 'kafkajs';
import { backoffDelay } from './backoff';
import { createKafkaClient } from './kafka-client.factory';
import type { KafkaConfig } from './kafka-config';
import { type KafkaLogger, silentKafkaLogger } from './kafka-logger';
import { KAFKA_TOPICS, type KafkaTopicNames, ensureTopics } from './kafka-topics';
import { FileCheckpointStore } from './publish/file-checkpoint.store';
import { RenewalNoticePublisher } from './publish/renewal-notice.publisher';
import { StatusChangePublisher, type TierChangeFeed } from './publish/status-change.publisher';
import { UpstreamConsumer } from './upstream/upstream-consumer';
import type { UpstreamConsumerOptions } from './upstream/upstream-consumer.options';

// ── Everything Kafka in one process: topics, the ingestion worker and the two publishers ────
// A plain class so any shell (the all-in-one API, the worker app, a test) wires it in a few lines.

const START_BACKOFF = { initialMs: 500, maxMs: 10_000 };

/** Options of {@link KafkaWorker}. */
export type KafkaWorkerOptions = Readonly<{
  config: KafkaConfig;
  /** The shared ingestion path (`IngestionService`); omit to run no consumer. */
  ingestion?: UpstreamConsumerOptions['ingestion'];
  /** Source of renewal notices (the outbox); omit to publish none. */
  store?: EventStore;
  /** Tier and badge changes (`(after, limit) => queries.tierChanges({ afterSequence: after, limit })`). */
  tierChanges?: TierChangeFeed;
  /** Directory of the publishers' checkpoint files (e.g. `DATA_DIR/kafka`). */
  checkpointDir: string;
  topics?: KafkaTopicNames;
  upstreamPartitions?: number;
  /** Per upstream message after its offset was committed (for metrics). */
  onOutcome?: UpstreamConsumerOptions['onOutcome'];
  logger?: KafkaLogger;
}>;

/**
 * Creates missing topics, then starts the publishers and the consumer; stops intake first.
 * Run the publishers in one process per data directory: two would both send (still at least
 * once and dedupable, but twice).
 */
export class KafkaWorker {
  readonly kafka: Kafka;
  readonly consumer?: UpstreamConsumer;
  readonly renewalNotices?: RenewalNoticePublisher;
  readonly statusChanges?: StatusChangePublisher;

  constructor(private readonly options: KafkaWorkerOptions) {
    const logger = options.logger ?? silentKafkaLogger;
    const topics = options.topics ?? KAFKA_TOPICS;
    this.kafka = createKafkaClient(options.config, { logger });
    const kafka = this.kafka;
    const checkpoints = (name: string) => new FileCheckpointStore(join(options.checkpointDir, `${name}.checkpoint.json`));
    if (options.ingestion) {
      const { ingestion, onOutcome } = options;
      this.consumer = new UpstreamConsumer({ kafka, ingestion, topics, logger, ...(onOutcome ? { onOutcome } : {}) });
    }
    if (options.store) {
      this.renewalNotices = new RenewalNoticePublisher({ kafka, store: options.store, checkpoints: checkpoints('renewal-notices'), topic: topics.renewalNotices, logger });
    }
    if (options.tierChanges) {
      this.statusChanges = new StatusChangePublisher({ kafka, feed: options.tierChanges, checkpoints: checkpoints('status-changes'), topic: topics.statusChanges, logger });
    }
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, this.options.topics ?? KAFKA_TOPICS, { upstreamPartitions: this.options.upstreamPartitions ?? 6 });
    } finally {
      await admin.disconnect();
    }
    await this.renewalNotices?.start();
    await this.statusChanges?.start();
    await this.consumer?.start();
  }

  /**
   * Starts, retrying with backoff until it runs or `signal` aborts (resolves either way). For a
   * host that serves other traffic meanwhile: the consumer's first join can take a whole session
   * timeout after a crash (the group waits for the dead member), and a broker may be down at start.
   */
  async startWhenReachable(signal: AbortSignal, onRetry: (error: unknown, attempt: number) => void = () => undefined): Promise<void> {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        await this.start();
        return;
      } catch (error) {
        if (signal.aborted) return;
        onRetry(error, attempt);
        await pause(backoffDelay(attempt, START_BACKOFF), signal);
      }
    }
  }

  /** Stops consuming (unfinished messages stay uncommitted), then the publishers. */
  async stop(): Promise<void> {
    await this.consumer?.stop();
    await Promise.all([this.renewalNotices?.stop(), this.statusChanges?.stop()]);
  }

  /** Readiness: every running part is in contact with the broker. */
  isConnected(): boolean {
    const parts = [this.consumer, this.renewalNotices, this.statusChanges].filter((part) => part !== undefined);
    return parts.every((part) => part.isConnected());
  }
}
