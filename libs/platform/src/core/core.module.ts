import { join } from 'node:path';
import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { RulesetCatalog } from '@partner-program/domain';
import { type EventStore, systemClock } from '@partner-program/event-store';
import type { Pool } from 'pg';
import {
  IngestionService,
  PartnerCommandHandler,
  PostgresRejectionLog,
  type RejectionLog,
  RejectionLogProjector,
  SqliteRejectionLog,
} from '@partner-program/ingestion';
import { PartnerProjector, ReadModelQueries } from '@partner-program/read-models';
import type { AppConfig } from '../config/app-config';
import { ApiKeyRing } from '../config/api-keys';
import { createEventStore } from './event-store.factory';
import { type ReadModels, openReadModels } from './read-models.factory';
import { openSharedPool, postgresSchemas } from './postgres';
import { loadRulesetCatalog } from './rulesets-file';
import {
  API_KEY_RING,
  CLOCK,
  type Clock,
  EVENT_STORE,
  LEADERSHIPS,
  POSTGRES_POOL,
  READ_MODEL_DB,
  REBUILD_REQUESTS,
  REJECTION_LOG,
  RULESET_CATALOG,
} from './tokens';
import { ShutdownCoordinator } from './shutdown-coordinator';
import { Metrics } from '../observability/metrics';
import { type Leaderships, leadershipsFor } from '../leadership/leaderships';
import { PostgresRebuildRequests } from '../leadership/rebuild-requests';

const leadershipLogger = new Logger('Leadership');

/**
 * The validated configuration as Nest's `ConfigService<AppConfig, true>`, in every module. It was
 * read before Nest started (validateEnvironment), so nothing here reads process.env or a .env file.
 */
function configModule(config: AppConfig): Promise<DynamicModule> {
  return ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validatePredefined: false, skipProcessEnv: true, load: [() => config] });
}

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
      { provide: CLOCK, useValue: clock },
      { provide: API_KEY_RING, useValue: keys },
      { provide: RULESET_CATALOG, useFactory: () => loadRulesetCatalog(config.RULESETS_FILE) },
      { provide: Metrics, useValue: new Metrics() },
      { provide: POSTGRES_POOL, useFactory: async () => openSharedPool(config) },
      {
        provide: EVENT_STORE,
        inject: [Metrics, POSTGRES_POOL],
        useFactory: async (metrics: Metrics, pool: Pool | undefined) => metrics.timeAppends(await createEventStore(config, clock, pool)),
      },
      { provide: READ_MODEL_DB, inject: [POSTGRES_POOL], useFactory: (pool: Pool | undefined) => openReadModels(config, pool) },
      {
        provide: REJECTION_LOG,
        inject: [POSTGRES_POOL],
        useFactory: async (pool: Pool | undefined): Promise<RejectionLog> =>
          pool
            ? PostgresRejectionLog.open({ pool, schema: postgresSchemas(config).rejectionLog })
            : SqliteRejectionLog.open(join(config.DATA_DIR, 'rejections.sqlite')),
      },
      { provide: ReadModelQueries, inject: [READ_MODEL_DB], useFactory: (db: ReadModels) => db.queries() },
      {
        provide: PartnerCommandHandler,
        inject: [EVENT_STORE, RULESET_CATALOG],
        useFactory: (store: EventStore, catalog: RulesetCatalog) => new PartnerCommandHandler(store, catalog),
      },
      {
        provide: IngestionService,
        inject: [PartnerCommandHandler, REJECTION_LOG],
        useFactory: (handler: PartnerCommandHandler, rejections: RejectionLog) => new IngestionService({ handler, rejections, clock }),
      },
      {
        provide: PartnerProjector,
        inject: [EVENT_STORE, READ_MODEL_DB, RULESET_CATALOG, LEADERSHIPS],
        // Fenced by the projector's election: a projector that lost its term cannot move the checkpoint back.
        useFactory: (store: EventStore, db: ReadModels, catalog: RulesetCatalog, leaderships: Leaderships) =>
          new PartnerProjector({ store, db, catalog, clock, tierRiskNoticeDays: config.TIER_RISK_NOTICE_DAYS, fence: leaderships.projector.token }),
      },
      {
        provide: RejectionLogProjector,
        inject: [EVENT_STORE, REJECTION_LOG, LEADERSHIPS],
        useFactory: (store: EventStore, rejections: RejectionLog, leaderships: Leaderships) => {
          const logger = new Logger('RejectionLog');
          const onError = (error: unknown) => logger.error(`projecting refusals failed, retrying: ${(error as Error).stack}`);
          // The projector's election: the refusals' checkpoint moves only under the current term.
          return new RejectionLogProjector(store, rejections, { onError, fence: leaderships.projector.token });
        },
      },
      {
        provide: LEADERSHIPS,
        useFactory: () => leadershipsFor(config, (duty, error) => leadershipLogger.warn(`${duty} election: ${(error as Error).message}; competing again`)),
      },
      {
        provide: REBUILD_REQUESTS,
        inject: [ShutdownCoordinator, POSTGRES_POOL],
        useFactory: async (shutdown: ShutdownCoordinator, pool: Pool | undefined) => {
          if (!config.DATABASE_URL) return null;
          // On the shared pool when the process has one: no second pool for a table read at a rebuild.
          const requests = await PostgresRebuildRequests.open({
            connectionString: config.DATABASE_URL,
            schema: postgresSchemas(config).coordination,
            ...(pool ? { pool } : {}),
          });
          shutdown.closeWithStores(() => requests.close());
          return requests;
        },
      },
      ShutdownCoordinator,
    ];
    return { module: CoreModule, imports: [configModule(config)], providers, exports: providers.map((p) => ('provide' in p ? p.provide : p)) };
  }
}
