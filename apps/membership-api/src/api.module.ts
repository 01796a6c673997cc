import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { PartnerCommandHandler, type RejectionLog, RejectionReplayer } from '@partner-program/ingestion';
import { CLOCK, type Clock, REJECTION_LOG } from '@partner-program/platform';
import { AdminController, PROJECTOR_IN_PROCESS } from './admin/admin.controller';
import { RejectionReplayController } from './admin/rejection-replay.controller';
import { MeController } from './auth/me.controller';
import { EventsController } from './events/events.controller';
import { ExportsController } from './exports/exports.controller';
import { PartnerStatusExporter } from './exports/partner-status-export';
import { ForecastController } from './forecast/forecast.controller';
import { HealthController } from './health/health.controller';
import { ReadinessProbes } from './health/readiness-probes';
import { HttpExceptionFilter } from './http/http-exception.filter';
import { ReadYourWrites } from './http/read-your-writes';
import { RenewalNoticesController } from './notices/renewal-notices.controller';
import { TierRiskNoticesController } from './notices/tier-risk-notices.controller';
import { BadgesController } from './partners/badges.controller';
import { PartnerHistoryService } from './partners/partner-history.service';
import { ChainHeadController } from './partners/chain-head.controller';
import { PartnersController } from './partners/partners.controller';
import { ProgrammeController } from './programme/programme.controller';
import { ProgrammeSummaryService } from './programme/programme-summary.service';

/** The HTTP API of docs/contract.md §2: controllers translate requests into commands and queries. */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [
    EventsController,
    PartnersController,
    ChainHeadController,
    ForecastController,
    BadgesController,
    RenewalNoticesController,
    ProgrammeController,
    TierRiskNoticesController,
    AdminController,
    RejectionReplayController,
    HealthController,
    ExportsController,
    MeController,
  ],
  providers: [
    PartnerHistoryService,
    PartnerStatusExporter,
    ProgrammeSummaryService,
    ReadYourWrites,
    ReadinessProbes,
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
    {
      provide: RejectionReplayer,
      inject: [PartnerCommandHandler, REJECTION_LOG, CLOCK],
      useFactory: (handler: PartnerCommandHandler, rejections: RejectionLog, clock: Clock) => new RejectionReplayer({ handler, rejections, clock }),
    },
  ],
  exports: [ReadinessProbes],
})
export class ApiModule {
  /** `projectorInProcess`: whether this process runs the projector (all in one) or another does (`--api-only`). */
  static forRoot(options: { projectorInProcess: boolean }): DynamicModule {
    return { module: ApiModule, providers: [{ provide: PROJECTOR_IN_PROCESS, useValue: options.projectorInProcess }] };
  }
}
