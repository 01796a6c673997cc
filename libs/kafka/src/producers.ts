import { type Kafka, Partitioners, type Producer } from 'kafkajs';

// ── The two kinds of producer; every send uses acks=-1 and nothing creates topics ────────────

/**
 * For the publishers: idempotent (no duplicates from its own retries) and one request in flight,
 * so a relayed page keeps its order per partition. Java-compatible partitioning by key.
 */
export function createIdempotentProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/**
 * For dead letters: several partitions' sends in flight at once (an idempotent producer allows
 * one, which made partitions queue behind each other). Dead letters are at least once anyway and
 * carry their original topic/partition/offset, so a rare duplicate from a retry is harmless.
 */
export function createDeadLetterProducer(kafka: Kafka): Producer {
  return kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
}
