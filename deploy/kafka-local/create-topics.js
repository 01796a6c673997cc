// Creates the topics of CONTRACT §3 on a broker (idempotent: existing topics are left alone).
// Usage: node create-topics.js [brokers] [upstreamPartitions]
//   brokers defaults to $KAFKA_BROKERS or 127.0.0.1:9092; upstream partitions to 6.
// Plain JS so it runs without a build; libs/kafka/src/kafka-topics.spec.ts checks that these names
// match the library's (the worker calls the library's ensureTopics itself on start).
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const TOPICS = {
  upstream: 'partner-program.upstream.v1',
  deadLetter: 'partner-program.upstream.v1.dlq',
  renewalNotices: 'partner-program.renewal-notices.v1',
  statusChanges: 'partner-program.status-changes.v1',
  tierRiskNotices: 'partner-program.tier-at-risk.v1',
};

async function createTopics(brokers, upstreamPartitions = 6) {
  const kafka = new Kafka({ clientId: 'kafka-local-topics', brokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = [
      { topic: TOPICS.upstream, numPartitions: upstreamPartitions },
      { topic: TOPICS.deadLetter, numPartitions: upstreamPartitions },
      { topic: TOPICS.renewalNotices, numPartitions: 3 },
      { topic: TOPICS.statusChanges, numPartitions: 3 },
      { topic: TOPICS.tierRiskNotices, numPartitions: 3 },
    ].filter((t) => !existing.has(t.topic));
    if (wanted.length > 0) await admin.createTopics({ topics: wanted, waitForLeaders: true });
    return wanted.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}

module.exports = { TOPICS, createTopics };

if (require.main === module) {
  const brokers = (process.argv[2] || process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  const partitions = Number(process.argv[3] || 6);
  createTopics(brokers, partitions).then(
    (created) => console.log(created.length ? `created: ${created.join(', ')}` : 'all topics exist'),
    (error) => {
      console.error(`creating topics failed: ${error.message}`);
      process.exit(1);
    },
  );
}
