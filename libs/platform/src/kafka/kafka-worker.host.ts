import { join } from 'node:path';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore } from '@partner-program/event-store';
import { IngestionService } from '@partner-program/ingestion';
import { type KafkaConfig, type KafkaLogger, KafkaWorker, describeKafkaConfig } from '@partner-program/kafka';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, EVENT_STORE } from '../core/tokens';
import { Metrics } from '../observability/metrics';
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
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) store: EventStore,
    ingestion: IngestionService,
    queries: ReadModelQueries,
    metrics: Metrics,
  ) {
    this.worker = new KafkaWorker({
      config: kafka,
      ingestion,
      store,
      tierChanges: (afterSequence, limit) => queries.tierChanges({ afterSequence, limit }),
      checkpointDir: join(config.DATA_DIR, 'kafka'),
      onOutcome: (outcome) => metrics.ingestOutcomes.inc({ transport: 'kafka', outcome }),
      logger: nestLogger(this.logger),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.logger.log(`connecting: ${describeKafkaConfig(this.kafka)}`);
    await this.worker.start();
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
