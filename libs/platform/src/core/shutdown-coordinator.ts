import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@partner-program/event-store';
import type { RejectionLog } from '@partner-program/ingestion';
import type { ReadModelDatabase } from '@partner-program/read-models';
import { EVENT_STORE, READ_MODEL_DB, REJECTION_LOG } from './tokens';

/**
 * Graceful shutdown (SIGTERM): intake stops first (`draining` makes writes answer 503 and
 * background loops stop), in-flight work finishes, then the stores close, so no acknowledged
 * append or checkpoint is cut short.
 */
@Injectable()
export class ShutdownCoordinator implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly backgroundTasks: Promise<unknown>[] = [];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModelDatabase,
    @Inject(REJECTION_LOG) private readonly rejections: RejectionLog,
  ) {}

  /** Aborted when shutdown starts: background loops watch it. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  get draining(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Tracks a write so shutdown waits for it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /** Registers a background loop (projector, scheduler, consumer) that ends when `signal` aborts. */
  runInBackground(task: Promise<unknown>): void {
    this.backgroundTasks.push(task.catch((error) => this.logger.error(`background task failed: ${(error as Error).stack}`)));
  }

  beginShutdown(): void {
    if (!this.draining) this.stopping.abort();
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.beginShutdown();
    this.logger.log(`stopping${signal ? ` on ${signal}` : ''}: ${this.inFlight.size} writes in flight`);
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled(this.backgroundTasks);
    await this.store.close();
    this.readModels.close();
    this.rejections.close();
    this.logger.log('stores closed');
  }
}
