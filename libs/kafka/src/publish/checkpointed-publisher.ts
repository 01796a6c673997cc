import type { Kafka, Message, Producer } from 'kafkajs';
import { pause } from '@partner-program/event-store';
import { type BackoffOptions, DEFAULT_BACKOFF, backoffDelay } from '../backoff';
import { createIdempotentProducer } from '../producers';
import { type KafkaLogger, silentKafkaLogger } from '../kafka-logger';
import type { CheckpointStore } from './file-checkpoint.store';

// ── Outbox relay: read a durable feed after a checkpoint, produce, then move the checkpoint ──
// The checkpoint moves only after the broker acknowledged (acks=-1, idempotent producer), so a
// crash re-sends at most the last page (at least once) and never anything the feed did not hold.

/** One page of a durable, ordered feed. */
export type FeedPage<T> = Readonly<{ items: readonly T[]; next: string; isEnd: boolean }>;

/** Options shared by the publishers. */
export type PublisherOptions = Readonly<{
  kafka: Kafka;
  checkpoints: CheckpointStore;
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
  private checkpoint: string;

  protected constructor(
    private readonly options: PublisherOptions,
    private readonly topic: string,
    initialCheckpoint: string,
  ) {
    this.producer = createIdempotentProducer(options.kafka);
    this.checkpoint = options.checkpoints.load() ?? initialCheckpoint;
  }

  /** The page after `checkpoint`. */
  protected abstract readPage(checkpoint: string): Promise<FeedPage<T>>;
  /** The message for an item, or `undefined` for items that are not published. */
  protected abstract toMessage(item: T): Message | undefined;

  /** Connects and starts relaying in the background; resumes after the saved checkpoint. */
  async start(): Promise<void> {
    this.shutdown = new AbortController();
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
    const page = await this.readPage(this.checkpoint);
    const messages = page.items.flatMap((item) => this.toMessage(item) ?? []);
    if (messages.length > 0) await this.producer.send({ topic: this.topic, acks: -1, messages });
    this.published += messages.length;
    if (page.next !== this.checkpoint) {
      this.options.checkpoints.save(page.next);
      this.checkpoint = page.next;
    }
    return page.isEnd;
  }
}
