import type { IngestResult } from '@partner-program/ingestion';
import type { Consumer, EachBatchPayload, Producer } from 'kafkajs';
import { DEFAULT_BACKOFF, ShutdownError } from '../backoff';
import { type KafkaLogger, silentKafkaLogger } from '../kafka-logger';
import { createDeadLetterProducer } from '../producers';
import { KAFKA_TOPICS, type KafkaTopicNames } from '../kafka-topics';
import { trackConsumerConnection } from './consumer-connection';
import { inSends, isDeadLetter, toDeadLetter } from './dead-letter';
import { ingestInLanes } from './ingest-lanes';
import { type UpstreamCounters, UpstreamCounterSet } from './upstream-counters';
import { UPSTREAM_GROUP_ID, type UpstreamConsumerOptions } from './upstream-consumer.options';
import { type UpstreamRecord, toUpstreamRecord } from './upstream-message';

const DEFAULT_FETCH_BYTES = 4 * 1024 * 1024;
/**
 * A restarted worker joins its group only once the killed member's session has timed out (kafkajs
 * has no static membership, KIP-345), so the session is kept short: 10 s, above the brokers'
 * default minimum (group.min.session.timeout.ms, 6 s) and three heartbeats long.
 */
export const DEFAULT_SESSION_TIMEOUT_MS = 10_000;

/**
 * The ingestion worker: consumes `partner-program.upstream.v1` in batches through the same path as
 * `POST /v1/events`, dead-letters invalid and rejected messages, and commits an offset only once
 * every message up to it has a durable outcome (and its dead letter was acknowledged).
 */
export class UpstreamConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly topics: Pick<KafkaTopicNames, 'upstream' | 'deadLetter'>;
  private readonly counterSet = new UpstreamCounterSet();
  private readonly logger: KafkaLogger;
  private shutdown = new AbortController();
  private readonly connected: () => boolean;

  constructor(private readonly options: UpstreamConsumerOptions) {
    this.topics = options.topics ?? KAFKA_TOPICS;
    this.logger = options.logger ?? silentKafkaLogger;
    this.consumer = options.kafka.consumer({
      groupId: options.groupId ?? UPSTREAM_GROUP_ID,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: options.maxBytesPerPartition ?? DEFAULT_FETCH_BYTES,
      maxBytes: 6 * (options.maxBytesPerPartition ?? DEFAULT_FETCH_BYTES),
      // Crash soon on a lost broker and restart for as long as the worker runs; never after stop()
      // (kafkajs would otherwise restart a consumer that crashed while being stopped).
      retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 5, restartOnFailure: async () => !this.shutdown.signal.aborted },
    });
    this.producer = createDeadLetterProducer(options.kafka);
    this.connected = trackConsumerConnection(this.consumer, this.logger, options.staleAfterMs);
  }

  /** Connects, subscribes (the topics must exist: see `ensureTopics`) and starts consuming. */
  async start(): Promise<void> {
    this.shutdown = new AbortController();
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topics.upstream], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 6,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /** Stops consuming: unfinished messages are not committed and will be redelivered. */
  async stop(): Promise<void> {
    this.shutdown.abort();
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  /** For readiness: the group was joined and the last fetch or join succeeded. */
  isConnected(): boolean {
    return this.connected();
  }

  get counters(): UpstreamCounters {
    return this.counterSet.snapshot();
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs's payload functions are closures, made to be destructured
    const { batch, isRunning, isStale } = payload;
    this.counterSet.batches += 1;
    const chunkSize = this.options.chunkSize ?? 8000;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!isRunning() || isStale() || this.shutdown.signal.aborted) return;
      const chunk = batch.messages.slice(start, start + chunkSize).map((m) => toUpstreamRecord(batch.topic, batch.partition, m));
      const done = await this.ingestChunk(chunk, payload);
      if (!done) return;
    }
  }

  /** Ingests, dead-letters, then commits past the chunk; false when shutdown interrupted it. */
  private async ingestChunk(chunk: UpstreamRecord[], payload: EachBatchPayload): Promise<boolean> {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kafkajs's payload functions are closures, made to be destructured
    const { batch, heartbeat, resolveOffset, commitOffsetsIfNecessary } = payload;
    let results: IngestResult[];
    try {
      results = await ingestInLanes(chunk, {
        ingestBatch: (inputs) => this.options.ingestion.ingestBatch(inputs),
        backoff: this.options.backoff ?? DEFAULT_BACKOFF,
        signal: this.shutdown.signal,
        heartbeat,
        onRetry: (error, record, attempt) => this.onRetry(error, record, attempt),
      });
    } catch (error) {
      if (error instanceof ShutdownError) return false;
      throw error;
    }
    const deadLetters = chunk.flatMap((record, i) => (isDeadLetter(results[i]!) ? [toDeadLetter(batch.topic, batch.partition, record, results[i]!)] : []));
    for (const messages of inSends(deadLetters)) await this.producer.send({ topic: this.topics.deadLetter, acks: -1, messages });
    this.counterSet.deadLettered += deadLetters.length;
    const last = chunk.at(-1)!.message.offset;
    resolveOffset(last);
    const next = (BigInt(last) + 1n).toString();
    await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
    this.counterSet.commits += 1;
    for (const { outcome } of results) {
      this.counterSet.countOutcome(outcome);
      this.options.onOutcome?.(outcome);
    }
    await heartbeat();
    return true;
  }

  private onRetry(error: unknown, first: UpstreamRecord, attempt: number): void {
    this.counterSet.retries += 1;
    const { topic, partition, offset } = first.input.origin as { topic: string; partition: number; offset: string };
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn('transient ingestion failure, retrying', { topic, partition, offset, attempt, error: reason });
  }
}
