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
  /** Messages per commit (default 2000): a larger chunk groups more appends, a smaller one commits sooner. */
  chunkSize?: number;
  /** Partitions processed at once (default 6); one partner lives in one partition, so order holds. */
  partitionsConsumedConcurrently?: number;
  /** Delays between retries of transient store errors. */
  backoff?: BackoffOptions;
  /** How long the group waits for a silent member (a killed process) before reassigning its partitions. Default 30 s. */
  sessionTimeoutMs?: number;
  /** Readiness turns false after this long without contact with the broker. */
  staleAfterMs?: number;
  /** Called per message once its offset is committed (e.g. to count outcomes in metrics). */
  onOutcome?: (outcome: IngestOutcome) => void;
  logger?: KafkaLogger;
}>;

export const UPSTREAM_GROUP_ID = 'partner-program-ingestion';
