import { FencedOutError, pause } from '@partner-program/event-store';
import type { Kafka, Message, Producer } from 'kafkajs';
import { type BackoffOptions, DEFAULT_BACKOFF, backoffDelay } from '../backoff';
import { createIdempotentProducer } from '../producers';
import { type KafkaLogger, silentKafkaLogger } from '../kafka-logger';
import type { CheckpointStore } from './checkpoint-store';

// ── Outbox relay: read a durable feed after a checkpoint, produce, then move the checkpoint ──
// The checkpoint moves only after the broker acknowledged (acks=-1, idempotent producer), so a
// crash re-sends at most the last page (at least once) and never anything the feed did not hold.
// The two publishers differ only in their feed (readPage) and their message (toMessage).

/** One page of a durable, ordered feed. */
export type FeedPage<T> = Readonly<{ items: readonly T[]; next: string; isEnd: boolean }>;

/** Both feeds start before their first item. */
const INITIAL_CHECKPOINT = '0';

/** Options shared by the publishers. */
export type PublisherOptions = Readonly<{
  kafka: Kafka;
  checkpoints: CheckpointStore;
  /** Default: the publisher's topic of KAFKA_TOPICS. */
  topic?: string;
  /** Items read from the feed per page. Default 500. */
  pageSize?: number;
  /** Pause between polls once caught up. */
  idleMs?: number;
  /** Delays between attempts after a failure (broker down, store closed). */
  backoff?: BackoffOptions;
  logger?: KafkaLogger;
}>;

/** What a publisher reports to /metrics. */
export type PublisherCounters = Readonly<{ published: number; failures: number; checkpoint: string }>;

/** The relay loop behind `RenewalNoticePublisher` and `StatusChangePublisher`. */
export abstract class CheckpointedPublisher<T> {
  private readonly producer: Producer;
  private shutdown = new AbortController();
  private running: Promise<void> | undefined;
  private connected = false;
  private published = 0;
  private failures = 0;
  private checkpoint = INITIAL_CHECKPOINT;
  private readonly topic: string;
  private readonly pageSize: number;

  protected constructor(
    private readonly options: PublisherOptions,
    defaultTopic: string,
  ) {
    this.producer = createIdempotentProducer(options.kafka);
    this.topic = options.topic ?? defaultTopic;
    this.pageSize = options.pageSize ?? 500;
  }

  /** At most `limit` items after `checkpoint` (`'0'`: from the start). */
  protected abstract readPage(checkpoint: string, limit: number): Promise<FeedPage<T>>;
  /** The message for an item, or `undefined` for items that are not published. */
  protected abstract toMessage(item: T): Message | undefined;

  /**
   * Connects and starts relaying in the background; resumes after the checkpoint as saved now
   * (read at every start: with an elected publisher another process may have moved it).
   */
  async start(): Promise<void> {
    this.shutdown = new AbortController();
    this.checkpoint = (await this.options.checkpoints.load()) ?? INITIAL_CHECKPOINT;
    await this.producer.connect();
    this.connected = true;
    this.running = this.relay(this.shutdown.signal);
  }

  /**
   * Stops after the page in flight; its checkpoint is saved only if it was acknowledged. A send
   * still retrying against a lost broker after `graceMs` is cut short by disconnecting.
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.shutdown.abort();
    const grace = new AbortController();
    await Promise.race([this.running, pause(graceMs, grace.signal)]);
    grace.abort();
    await this.producer.disconnect();
    await this.running;
    this.connected = false;
  }

  /** For readiness: the last produce (or connect) succeeded. */
  isConnected(): boolean {
    return this.connected;
  }

  get counters(): PublisherCounters {
    return { published: this.published, failures: this.failures, checkpoint: this.checkpoint };
  }

  private async relay(signal: AbortSignal): Promise<void> {
    let attempt = 0;
    while (!signal.aborted) {
      try {
        const caughtUp = await this.relayPage();
        this.connected = true;
        attempt = 0;
        if (caughtUp) await pause(this.options.idleMs ?? 500, signal);
      } catch (error) {
        if (error instanceof FencedOutError) {
          // Another process publishes now; retrying would only be refused again.
          (this.options.logger ?? silentKafkaLogger).warn(`publishing to ${this.topic} stopped: ${error.message}`);
          return;
        }
        this.connected = false;
        this.failures += 1;
        const reason = error instanceof Error ? error.message : String(error);
        (this.options.logger ?? silentKafkaLogger).warn(`publishing to ${this.topic} failed, retrying`, { error: reason, attempt });
        await pause(backoffDelay(attempt++, this.options.backoff ?? DEFAULT_BACKOFF), signal);
      }
    }
  }

  /** Relays one page; true when the feed had nothing more. */
  private async relayPage(): Promise<boolean> {
    const page = await this.readPage(this.checkpoint, this.pageSize);
    const messages = page.items.flatMap((item) => this.toMessage(item) ?? []);
    if (messages.length > 0) await this.producer.send({ topic: this.topic, acks: -1, messages });
    this.published += messages.length;
    if (page.next !== this.checkpoint) {
      await this.options.checkpoints.save(page.next);
      this.checkpoint = page.next;
    }
    return page.isEnd;
  }
}
