import type { IHeaders, Kafka, Message } from 'kafkajs';
import { Partitioners } from 'kafkajs';

// ── Produce to and read back whole topics in tests ───────────────────────────────────────────

/** A record read back, with headers decoded to strings. */
export type ReadRecord = Readonly<{
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Readonly<Record<string, string>>;
}>;

/** Produces `messages` with acks=-1 (one request per 1,000 messages). */
export async function produce(kafka: Kafka, topic: string, messages: readonly Message[]): Promise<void> {
  // Idempotent: on a loaded machine a send can time out and be retried, and a plain producer would
  // then write the batch twice (tests counting outcomes saw every message of a partition twice).
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
    idempotent: true,
    maxInFlightRequests: 1,
  });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 1000) {
      await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 1000) });
    }
  } finally {
    await producer.disconnect();
  }
}

/**
 * Everything in `topic` up to its current end offsets (read once at the start), in partition
 * and offset order. Uses a throw-away consumer group.
 */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const endOf = new Map(ends.map((e) => [e.partition, BigInt(e.high)]));
  const pending = new Map([...endOf].filter(([, high]) => high > 0n));
  const records: ReadRecord[] = [];
  if (pending.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `reader-${topic}-${Date.now()}-${Math.random()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`reading ${topic}: ${pending.size} partitions unfinished after ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) records.push(toRecord(batch.partition, m));
          const end = pending.get(batch.partition);
          if (end !== undefined && BigInt(batch.lastOffset()) + 1n >= end) pending.delete(batch.partition);
          if (pending.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records
    .filter((r) => BigInt(r.offset) < (endOf.get(r.partition) ?? 0n))
    .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

function toRecord(partition: number, m: { offset: string; key: Buffer | null; value: Buffer | null; headers?: IHeaders }): ReadRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(m.headers ?? {})) headers[name] = String(Array.isArray(value) ? value[0] : value);
  return { partition, offset: m.offset, key: m.key?.toString() ?? null, value: m.value?.toString() ?? null, headers };
}

/** Committed offsets of `groupId` on `topic`, by partition (`-1` when none). */
export async function committedOffsets(kafka: Kafka, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((result?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

/** Sum of the end offsets of `topic` (= messages ever written, without compaction). */
export async function topicSize(kafka: Kafka, topic: string): Promise<bigint> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + BigInt(p.high), 0n);
  } finally {
    await admin.disconnect();
  }
}
