import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@partner-program/event-store';
import type { RejectionLog } from '@partner-program/ingestion';
import type { Pool } from 'pg';
import type { ReadModels } from './read-models.factory';
import { EVENT_STORE, POSTGRES_POOL, READ_MODEL_DB, REJECTION_LOG } from './tokens';

/**
 * Graceful shutdown (SIGTERM): intake stops first (`draining` makes writes answer 503 and
 * background loops stop), in-flight work finishes, then the stores close, so no acknowledged
 * append or checkpoint is cut short.
 */
@Injectable()
export class ShutdownCoordinator implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Background tasks still running, with their names. */
  private readonly backgroundTasks = new Map<Promise<unknown>, string>();
  /** Connections other than the stores' (e.g. rebuild requests), closed with them. */
  private readonly closables: (() => Promise<void>)[] = [];
  private stage: 'running' | 'http' | 'writes' | 'background' | 'stores' | 'closed' = 'running';

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly readModels: ReadModels,
    @Inject(REJECTION_LOG) private readonly rejections: RejectionLog,
    @Inject(POSTGRES_POOL) private readonly pool: Pool | undefined,
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
  runInBackground(task: Promise<unknown>, name = 'background task'): void {
    const settled: Promise<unknown> = task
      .catch((error) => this.logger.error(`${name} failed: ${(error as Error).stack}`))
      .finally(() => this.backgroundTasks.delete(settled));
    this.backgroundTasks.set(settled, name);
  }

  /** Closes `close` with the stores, once every background task and write has finished. */
  closeWithStores(close: () => Promise<void>): void {
    this.closables.push(close);
  }

  beginShutdown(): void {
    if (!this.draining) this.stopping.abort();
  }

  /**
   * Nest calls this before it closes the HTTP server, whose close waits for every busy keep-alive
   * connection: intake stops here, or clients whose writes still succeed keep the server open.
   */
  beforeApplicationShutdown(signal?: string): void {
    this.beginShutdown();
    this.stage = 'http';
    this.logger.log(`draining${signal ? ` on ${signal}` : ''}: writes answer 503, background loops stop`);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    this.beginShutdown();
    this.logger.log(`stopping${signal ? ` on ${signal}` : ''}: ${this.inFlight.size} writes in flight`);
    this.stage = 'writes';
    await Promise.allSettled([...this.inFlight]);
    this.stage = 'background';
    await Promise.allSettled([...this.backgroundTasks.keys()]);
    this.stage = 'stores';
    await this.store.close();
    await this.readModels.close();
    await this.rejections.close();
    await Promise.all(this.closables.map((close) => close()));
    // Last: every store above may still have been writing through it.
    if (this.pool && !this.pool.ending) await this.pool.end();
    this.stage = 'closed';
    this.logger.log('stores closed');
  }

  /** What shutdown is waiting for now, for the log of a shutdown that takes too long. */
  waitingFor(): string {
    switch (this.stage) {
      case 'running':
        return 'the modules to be destroyed (shutdown has not reached the coordinator)';
      case 'http':
        return 'the HTTP server to close (connections still open)';
      case 'writes':
        return `${this.inFlight.size} in-flight writes`;
      case 'background':
        return `background tasks: ${[...this.backgroundTasks.values()].join(', ') || 'none'}`;
      case 'stores':
        return 'the stores to close';
      case 'closed':
        return 'nothing (stores closed)';
    }
  }
}
