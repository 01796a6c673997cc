import { CHANGE_ID_HEADER, KAFKA_TOPICS } from '@partner-program/kafka';
import { readTopic } from '../../libs/kafka/src/testing/topic-reader';
import { testKafka, testKafkaConfig } from '../../libs/kafka/src/testing/kafka-test-env';
import { describeFleetUnderFaults } from './fleet-scenario';

// `npm run test:integration`: the same topology with 2 Kafka workers (the publishers' leader
// publishes); every tier change must reach the status-changes topic at least once, with its id.
describeFleetUnderFaults('PostgreSQL topology with Kafka under faults', {
  kafka: {
    brokers: testKafkaConfig().brokers.join(','),
    publishedChangeIds: async (partnerPrefix) => {
      const records = await readTopic(testKafka('fleet-reader'), KAFKA_TOPICS.statusChanges);
      return new Set(records.filter((r) => r.key?.startsWith(partnerPrefix)).map((r) => r.headers[CHANGE_ID_HEADER]!));
    },
  },
});
