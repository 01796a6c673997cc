import type { Admin } from 'kafkajs';

// ── The topics of docs/contract.md §3 ─────────────────────────────────────────────────────────────────

/** Topic names; tests pass their own so parallel runs on one broker do not meet. */
export type KafkaTopicNames = Readonly<{
  upstream: string;
  deadLetter: string;
  renewalNotices: string;
  statusChanges: string;
  tierRiskNotices: string;
}>;

/** The contract's names. */
export const KAFKA_TOPICS: KafkaTopicNames = {
  upstream: 'partner-program.upstream.v1',
  deadLetter: 'partner-program.upstream.v1.dlq',
  renewalNotices: 'partner-program.renewal-notices.v1',
  statusChanges: 'partner-program.status-changes.v1',
  tierRiskNotices: 'partner-program.tier-at-risk.v1',
};

/** The contract's names with `suffix` appended to each (e.g. `.test-1234`). */
export function suffixedTopics(suffix: string): KafkaTopicNames {
  return {
    upstream: KAFKA_TOPICS.upstream + suffix,
    deadLetter: KAFKA_TOPICS.deadLetter + suffix,
    renewalNotices: KAFKA_TOPICS.renewalNotices + suffix,
    statusChanges: KAFKA_TOPICS.statusChanges + suffix,
    tierRiskNotices: KAFKA_TOPICS.tierRiskNotices + suffix,
  };
}

/** Partition counts and replication of {@link ensureTopics}. */
export type TopicLayout = Readonly<{ upstreamPartitions?: number; outputPartitions?: number; replicationFactor?: number }>;

/**
 * Creates whichever of the five topics are missing and waits for their leaders. Must run before
 * subscribing: kafkajs cannot subscribe to a topic that does not exist yet on a KRaft cluster
 * (and auto-creation is off there anyway). Existing topics are left as they are.
 * @returns the names that were created.
 */
export async function ensureTopics(admin: Admin, topics: KafkaTopicNames = KAFKA_TOPICS, layout: TopicLayout = {}): Promise<string[]> {
  const upstream = layout.upstreamPartitions ?? 6;
  const output = layout.outputPartitions ?? 3;
  const replicationFactor = layout.replicationFactor ?? -1;
  const wanted = [
    { topic: topics.upstream, numPartitions: upstream },
    { topic: topics.deadLetter, numPartitions: upstream },
    { topic: topics.renewalNotices, numPartitions: output },
    { topic: topics.statusChanges, numPartitions: output },
    { topic: topics.tierRiskNotices, numPartitions: output },
  ];
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((t) => !existing.has(t.topic)).map((t) => ({ ...t, replicationFactor }));
  if (missing.length === 0) return [];
  try {
    await admin.createTopics({ topics: missing, waitForLeaders: true });
  } catch (error) {
    // Another process may have created them meanwhile; only a still-missing topic is an error.
    const now = new Set(await admin.listTopics());
    if (missing.some((t) => !now.has(t.topic))) throw error;
  }
  return missing.map((t) => t.topic);
}
