// ── @partner-program/kafka: the Kafka edge (ingestion worker, publishers); framework-free ──────
export * from './kafka-config';
export { createKafkaClient, type KafkaClientOptions } from './kafka-client.factory';
export { kafkajsLogCreator, silentKafkaLogger, type KafkaLogger } from './kafka-logger';
export { KAFKA_TOPICS, ensureTopics, suffixedTopics, type KafkaTopicNames, type TopicLayout } from './kafka-topics';
export { DEFAULT_BACKOFF, ShutdownError, backoffDelay, type BackoffOptions } from './backoff';
export { UpstreamConsumer } from './upstream/upstream-consumer';
export { UPSTREAM_GROUP_ID, type UpstreamConsumerOptions } from './upstream/upstream-consumer.options';
export { createDeadLetterProducer, createIdempotentProducer } from './producers';
export type { UpstreamCounters } from './upstream/upstream-counters';
export { DLQ_HEADERS, MAX_REASON_BYTES, toDeadLetter, truncateUtf8 } from './upstream/dead-letter';
export { toUpstreamRecord, type UpstreamRecord } from './upstream/upstream-message';
export type { CheckpointStore } from './publish/checkpoint-store';
export { FileCheckpointStore } from './publish/file-checkpoint.store';
export { PostgresCheckpointStore, type PostgresCheckpointStoreOptions } from './publish/postgres-checkpoint.store';
export { CheckpointedPublisher, type FeedPage, type PublisherCounters, type PublisherOptions } from './publish/checkpointed-publisher';
export { MESSAGE_ID_HEADER, NoticePublisher } from './publish/notice.publisher';
export {
  RenewalNoticePublisher,
  toRenewalNoticeMessage,
  type RenewalNoticeMessage,
  type RenewalNoticePublisherOptions,
} from './publish/renewal-notice.publisher';
export { TierRiskNoticePublisher, toTierRiskNoticeMessage, type TierRiskNoticeMessage } from './publish/tier-risk-notice.publisher';
export { StoredEventPublisher, type StoredEventPublisherOptions } from './publish/stored-event.publisher';
export {
  CHANGE_ID_HEADER,
  StatusChangePublisher,
  type StatusChangeMessage,
  type StatusChangePublisherOptions,
  type TierChange,
  type TierChangeFeed,
} from './publish/status-change.publisher';
export { KafkaWorker, type KafkaWorkerOptions } from './kafka-worker';
