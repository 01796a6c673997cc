import { once } from 'node:events';
import { type EventStore, pause } from '@partner-program/event-store';
import type { Kafka } from 'kafkajs';
import { backoffDelay } from './backoff';
import { createKafkaClient } from './kafka-client.factory';
import type { KafkaConfig } from './kafka-config';
import { type KafkaLogger, silentKafkaLogger } from './kafka-logger';
import { KAFKA_TOPICS, type KafkaTopicNames, ensureTopics } from './kafka-topics';
import type { CheckpointStore } from './publish/checkpoint-store';
import type { CheckpointedPublisher } from './publish/checkpointed-publisher';
import { RenewalNoticePublisher } from './publish/renewal-notice.publisher';
import { TierRiskNoticePublisher } from './publish/tier-risk-notice.publisher';
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
  /** Source of renewal and tier-at-risk notices (the outbox); omit to publish none. */
  store?: EventStore;
  /** Tier and badge changes (`(after, limit) => queries.tierChanges({ afterSequence: after, limit })`). */
  tierChanges?: TierChangeFeed;
  /**
   * Each publisher's checkpoint by name (`renewal-notices`, `tier-risk-notices`, `status-changes`): a file in
   * `DATA_DIR/kafka` on SQLite, a row in PostgreSQL with EVENT_STORE=postgres.
   */
  checkpoints: (publisher: string) => CheckpointStore;
  topics?: KafkaTopicNames;
  upstreamPartitions?: number;
  /** Per upstream message after its offset was committed (for metrics). */
  onOutcome?: UpstreamConsumerOptions['onOutcome'];
  logger?: KafkaLogger;
}>;

/**
 * Creates missing topics and starts the consumer (`start`, on every instance); relays notices and
 * status changes while told to (`publishDuring`, in the one process that leads the publishers:
 * two would both send, still at least once and dedupable, but twice).
 */
export class KafkaWorker {
  readonly kafka: Kafka;
  readonly consumer?: UpstreamConsumer;
  readonly renewalNotices?: RenewalNoticePublisher;
  readonly tierRiskNotices?: TierRiskNoticePublisher;
  readonly statusChanges?: StatusChangePublisher;
  /** The publishers started by `publishDuring`, until its signal aborts. */
  private publishing: readonly CheckpointedPublisher<unknown>[] = [];

  constructor(private readonly options: KafkaWorkerOptions) {
    const logger = options.logger ?? silentKafkaLogger;
    const topics = options.topics ?? KAFKA_TOPICS;
    this.kafka = createKafkaClient(options.config, { logger });
    const kafka = this.kafka;
    const { checkpoints } = options;
    if (options.ingestion) {
      const { ingestion, onOutcome } = options;
      this.consumer = new UpstreamConsumer({ kafka, ingestion, topics, logger, ...(onOutcome ? { onOutcome } : {}) });
    }
    if (options.store) {
      this.renewalNotices = new RenewalNoticePublisher({
        kafka,
        store: options.store,
        checkpoints: checkpoints('renewal-notices'),
        topic: topics.renewalNotices,
        logger,
      });
      this.tierRiskNotices = new TierRiskNoticePublisher({
        kafka,
        store: options.store,
        checkpoints: checkpoints('tier-risk-notices'),
        topic: topics.tierRiskNotices,
        logger,
      });
    }
    if (options.tierChanges) {
      this.statusChanges = new StatusChangePublisher({
        kafka,
        feed: options.tierChanges,
        checkpoints: checkpoints('status-changes'),
        topic: topics.statusChanges,
        logger,
      });
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
    await this.consumer?.start();
  }

  /**
   * Starts, retrying with backoff until it runs or `signal` aborts (resolves either way). For a
   * host that serves other traffic meanwhile: the consumer's first join can take a whole session
   * timeout after a crash (the group waits for the dead member), and a broker may be down at start.
   */
  async startWhenReachable(signal: AbortSignal, onRetry: (error: unknown, attempt: number) => void = () => undefined): Promise<boolean> {
    return retryUntilStarted(() => this.start(), signal, onRetry);
  }

  /**
   * Runs the publishers until `signal` aborts (a term of leadership, or shutdown), each retried
   * until the broker takes it; resolves once they have stopped.
   */
  async publishDuring(signal: AbortSignal, onRetry: (error: unknown, attempt: number) => void = () => undefined): Promise<void> {
    const started: CheckpointedPublisher<unknown>[] = [];
    for (const publisher of [this.renewalNotices, this.tierRiskNotices, this.statusChanges]) {
      if (publisher && (await retryUntilStarted(() => publisher.start(), signal, onRetry))) started.push(publisher);
    }
    this.publishing = started;
    if (!signal.aborted) await once(signal, 'abort');
    this.publishing = [];
    await Promise.all(started.map((publisher) => publisher.stop()));
  }

  /** Stops consuming (unfinished messages stay uncommitted); the publishers stop with their signal. */
  async stop(): Promise<void> {
    await this.consumer?.stop();
  }

  /** Readiness: every running part is in contact with the broker (publishers count only while publishing). */
  isConnected(): boolean {
    return [this.consumer, ...this.publishing].every((part) => part === undefined || part.isConnected());
  }
}

/** Retries `start` with backoff until it succeeds (true) or `signal` aborts (false). */
async function retryUntilStarted(start: () => Promise<void>, signal: AbortSignal, onRetry: (error: unknown, attempt: number) => void): Promise<boolean> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      await start();
      return true;
    } catch (error) {
      if (signal.aborted) return false;
      onRetry(error, attempt);
      await pause(backoffDelay(attempt, START_BACKOFF), signal);
    }
  }
  return false;
}
