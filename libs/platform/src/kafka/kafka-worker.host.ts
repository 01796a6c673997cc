import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EventStore } from '@partner-program/event-store';
import { IngestionService } from '@partner-program/ingestion';
import { type KafkaConfig, type KafkaLogger, KafkaWorker, describeKafkaConfig } from '@partner-program/kafka';
import type { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { EVENT_STORE, LEADERSHIPS, POSTGRES_POOL } from '../core/tokens';
import type { TermWorker } from '../leadership/leadership';
import type { Leaderships } from '../leadership/leaderships';
import { serveDuty } from '../leadership/serve-duty';
import { publisherCheckpoints } from './publisher-checkpoints';
import { Metrics } from '../observability/metrics';
import { ShutdownCoordinator } from '../core/shutdown-coordinator';
import { ReadModelQueries } from '@partner-program/read-models';

export const KAFKA_CONFIG = Symbol('KAFKA_CONFIG');

/**
 * Nest lifecycle around the framework-free `KafkaWorker`: starts it once the stores are open and
 * stops it before they close (`beforeApplicationShutdown` runs ahead of every store's shutdown hook),
 * so no message is committed that the store did not keep.
 */
@Injectable()
export class KafkaWorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  readonly worker: KafkaWorker;

  constructor(
    @Inject(KAFKA_CONFIG) private readonly kafka: KafkaConfig,
    config: ConfigService<AppConfig, true>,
    @Inject(EVENT_STORE) store: EventStore,
    ingestion: IngestionService,
    queries: ReadModelQueries,
    private readonly metrics: Metrics,
    private readonly shutdown: ShutdownCoordinator,
    @Inject(POSTGRES_POOL) pool: Pool | undefined,
    @Inject(LEADERSHIPS) private readonly leaderships: Leaderships,
  ) {
    const settings = { DATA_DIR: config.get('DATA_DIR', { infer: true }), DATABASE_SCHEMA_PREFIX: config.get('DATABASE_SCHEMA_PREFIX', { infer: true }) };
    this.worker = new KafkaWorker({
      config: kafka,
      ingestion,
      store,
      tierChanges: (afterSequence, limit) => queries.tierChanges({ afterSequence, limit }),
      // Fenced by the publishers' election: a publisher that lost its term cannot move a checkpoint back.
      checkpoints: (publisher) => publisherCheckpoints(settings, pool, publisher, this.leaderships.kafkaPublishers.token),
      onOutcome: (outcome) => metrics.ingestOutcomes.inc({ transport: 'kafka', outcome }),
      logger: nestLogger(this.logger),
    });
  }

  onApplicationBootstrap(): void {
    this.logger.log(`connecting: ${describeKafkaConfig(this.kafka)}`);
    // Not awaited: HTTP answers while the consumer joins its group (readiness reports it), which
    // after a crash waits for the dead member's session to time out, or while the broker is down.
    const started = this.worker.startWhenReachable(this.shutdown.signal, (error, attempt) =>
      this.logger.warn(`not started yet (attempt ${attempt + 1}), retrying: ${(error as Error).message}`),
    );
    this.shutdown.runInBackground(
      started.then(() => this.shutdown.draining || this.logger.log('consuming')),
      'Kafka start',
    );
    serveDuty('kafka-publishers', this.leaderships.kafkaPublishers, [this.publishers()], this.shutdown, this.metrics);
  }

  /** The renewal-notice and status-change publishers: one process at a time relays them. */
  private publishers(): TermWorker {
    const onRetry = (error: unknown, attempt: number) =>
      this.logger.warn(`publishers not started yet (attempt ${attempt + 1}), retrying: ${(error as Error).message}`);
    return { name: 'Kafka publishers', runTerm: (term) => this.worker.publishDuring(term.signal, onRetry) };
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }
}

function nestLogger(logger: Logger): KafkaLogger {
  const line = (message: string, fields?: Record<string, unknown>) => (fields ? `${message} ${JSON.stringify(fields)}` : message);
  return {
    info: (message, fields) => logger.log(line(message, fields)),
    warn: (message, fields) => logger.warn(line(message, fields)),
    error: (message, fields) => logger.error(line(message, fields)),
  };
}
