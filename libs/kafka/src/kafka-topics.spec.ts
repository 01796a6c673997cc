import type { Admin } from 'kafkajs';
import { KAFKA_TOPICS, ensureTopics, suffixedTopics } from './kafka-topics';

// The plain-JS script in deploy/kafka-local must create the same topics as the library.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS script, outside the TypeScript project
const script = require('../../../deploy/kafka-local/create-topics.js') as { TOPICS: Record<string, string> };

function fakeAdmin(existing: string[]) {
  const created: unknown[] = [];
  const admin = {
    listTopics: async () => existing,
    createTopics: async (request: { topics: { topic: string }[] }) => {
      created.push(...request.topics);
      existing.push(...request.topics.map((t) => t.topic));
      return true;
    },
  };
  return { admin: admin as unknown as Admin, created };
}

describe('kafka topics', () => {
  it('match docs/contract.md §3 and deploy/kafka-local/create-topics.js', () => {
    expect(KAFKA_TOPICS).toEqual({
      upstream: 'partner-program.upstream.v1',
      deadLetter: 'partner-program.upstream.v1.dlq',
      renewalNotices: 'partner-program.renewal-notices.v1',
      statusChanges: 'partner-program.status-changes.v1',
      tierRiskNotices: 'partner-program.tier-at-risk.v1',
    });
    expect(script.TOPICS).toEqual(KAFKA_TOPICS);
  });

  it('creates only the missing topics, with the upstream partition count on upstream and its dead letters', async () => {
    const { admin, created } = fakeAdmin([KAFKA_TOPICS.renewalNotices]);
    expect(await ensureTopics(admin, KAFKA_TOPICS, { upstreamPartitions: 12 })).toEqual([
      KAFKA_TOPICS.upstream,
      KAFKA_TOPICS.deadLetter,
      KAFKA_TOPICS.statusChanges,
      KAFKA_TOPICS.tierRiskNotices,
    ]);
    expect(created).toEqual([
      { topic: KAFKA_TOPICS.upstream, numPartitions: 12, replicationFactor: -1 },
      { topic: KAFKA_TOPICS.deadLetter, numPartitions: 12, replicationFactor: -1 },
      { topic: KAFKA_TOPICS.statusChanges, numPartitions: 3, replicationFactor: -1 },
      { topic: KAFKA_TOPICS.tierRiskNotices, numPartitions: 3, replicationFactor: -1 },
    ]);
    expect(await ensureTopics(admin)).toEqual([]);
  });

  it('suffixes every name for isolated test runs', () => {
    expect(suffixedTopics('.t1').deadLetter).toBe('partner-program.upstream.v1.dlq.t1');
  });
});
