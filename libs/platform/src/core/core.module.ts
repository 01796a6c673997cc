import { join } from 'node:path';
import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import type { RulesetCatalog } from '@partner-program/domain';
import { type EventStore, systemClock } from '@partner-program/event-store';
import { IngestionService, PartnerCommandHandler, type RejectionLog, RejectionLogProjector, SqliteRejectionLog } from '@partner-program/ingestion';
import { PartnerProjector, ReadModelDatabase, ReadModelQueries } from '@partner-program/read-models';
import type { AppConfig } from '../config/app-config';
import { ApiKeyRing } from '../config/api-keys';
import { createEventStore } from './event-store.factory';
import { loadRulesetCatalog } from './rulesets-file';
import { API_KEY_RING, APP_CONFIG, CLOCK, type Clock, EVENT_STORE, READ_MODEL_DB, REJECTION_LOG, RULESET_CATALOG } from './tokens';
import { ShutdownCoordinator } from './shutdown-coordinator';
import { Metrics } from '../observability/metrics';

export type CoreOptions = Readonly<{ config: AppConfig; clock?: Clock; keys: ApiKeyRing }>;

/**
 * The stores and application services, built once per process (singletons) from plain classes.
 * Every other module is a thin shell over these.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot({ config, clock = systemClock, keys }: CoreOptions): DynamicModule {
    const providers = [
      { provide: APP_CONFIG, useValue: config },
      { provide: CLOCK, useValue: clock },
      { provide: API_KEY_RING, useValue: keys },
      { provide: RULESET_CATALOG, useFactory: () => loadRulesetCatalog(config.RULESETS_FILE) },
      { provide: Metrics, useValue: new Metrics() },
      { provide: EVENT_STORE, inject: [Metrics], useFactory: (metrics: Metrics) => metrics.timeAppends(createEventStore(config, clock)) },
      { provide: READ_MODEL_DB, useFactory: () => ReadModelDatabase.open({ location: config.DATA_DIR }) },
      { provide: REJECTION_LOG, useFactory: () => SqliteRejectionLog.open(join(config.DATA_DIR, 'rejections.sqlite')) },
      { provide: ReadModelQueries, inject: [READ_MODEL_DB], useFactory: (db: ReadModelDatabase) => new ReadModelQueries(db) },
      { provide: PartnerCommandHandler, inject: [EVENT_STORE], useFactory: (store: EventStore) => new PartnerCommandHandler(store) },
      {
        provide: IngestionService,
        inject: [PartnerCommandHandler, REJECTION_LOG],
        useFactory: (handler: PartnerCommandHandler, rejections: RejectionLog) => new IngestionService({ handler, rejections, clock }),
      },
      {
        provide: PartnerProjector,
        inject: [EVENT_STORE, READ_MODEL_DB, RULESET_CATALOG],
        useFactory: (store: EventStore, db: ReadModelDatabase, catalog: RulesetCatalog) => new PartnerProjector({ store, db, catalog, clock }),
      },
      {
        provide: RejectionLogProjector,
        inject: [EVENT_STORE, REJECTION_LOG],
        useFactory: (store: EventStore, rejections: RejectionLog) => {
          const logger = new Logger('RejectionLog');
          return new RejectionLogProjector(store, rejections, { onError: (error) => logger.error(`projecting refusals failed, retrying: ${(error as Error).stack}`) });
        },
      },
      ShutdownCoordinator,
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}

