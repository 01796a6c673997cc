import type { IngestInput, IngestOutcome, IngestResult } from '@partner-program/ingestion';
import type { Kafka } from 'kafkajs';
import type { BackoffOptions } from '../backoff';
import type { KafkaLogger } from '../kafka-logger';
import type { KafkaTopicNames } from '../kafka-topics';

/** Options of `UpstreamConsumer`. */
export type UpstreamConsumerOptions = Readonly<{
  kafka: Kafka;
  /** The shared ingestion path (`IngestionService`). */
  ingestion: { ingestBatch(inputs: readonly IngestInput[]): Promise<IngestResult[]> };
  topics?: Pick<KafkaTopicNames, 'upstream' | 'deadLetter'>;
  /** Default `partner-program-ingestion`. */
  groupId?: string;
  /**
   * Messages per commit (default 8000): a larger chunk groups more of a partner's messages into
   * one append and shares one fsync, dead-letter send and commit among more messages; a smaller
   * one commits sooner (less to redeliver after a crash). Measured here with 150,000 mixed
   * messages: 2000 → 14,900 messages/s, 8000 (with 4 MiB fetches) → 19,300.
   */
  chunkSize?: number;
  /** Bytes fetched per partition and request (default 4 MiB, kafkajs' default is 1 MiB): chunks can only be as large as fetches. */
  maxBytesPerPartition?: number;
  /** Partitions processed at once (default 6); one partner lives in one partition, so order holds. */
  partitionsConsumedConcurrently?: number;
  /** Delays between retries of transient store errors. */
  backoff?: BackoffOptions;
  /** How long the group waits for a silent member (a killed process) before reassigning its partitions. Default 10 s. */
  sessionTimeoutMs?: number;
  /** Readiness turns false after this long without contact with the broker. */
  staleAfterMs?: number;
  /** Called per message once its offset is committed (e.g. to count outcomes in metrics). */
  onOutcome?: (outcome: IngestOutcome) => void;
  logger?: KafkaLogger;
}>;

export const UPSTREAM_GROUP_ID = 'partner-program-ingestion';
