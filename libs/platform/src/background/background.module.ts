import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { RulesetCatalog } from '@partner-program/domain';
import { PartnerCommandHandler } from '@partner-program/ingestion';
import { ReadModelQueries } from '@partner-program/read-models';
import { RenewalNoticeIssuer } from './renewal-notice-issuer';
import type { AppConfig } from '../config/app-config';
import { RULESET_CATALOG } from '../core/tokens';
import { ProjectionLoop } from './projection-loop';
import { ProjectorTerms } from './projector-terms';
import { RenewalScheduler } from './renewal-scheduler';
import { TierRiskNoticeIssuer } from './tier-risk-notice-issuer';

/** The projector and the scheduler: the read side's background work, run by the process that leads it. */
@Module({
  providers: [
    ProjectionLoop,
    RenewalScheduler,
    ProjectorTerms,
    {
      provide: RenewalNoticeIssuer,
      inject: [ReadModelQueries, PartnerCommandHandler],
      useFactory: (queries: ReadModelQueries, handler: PartnerCommandHandler) => new RenewalNoticeIssuer(queries, handler),
    },
    {
      provide: TierRiskNoticeIssuer,
      inject: [ReadModelQueries, PartnerCommandHandler, RULESET_CATALOG, ConfigService],
      useFactory: (queries: ReadModelQueries, handler: PartnerCommandHandler, catalog: RulesetCatalog, config: ConfigService<AppConfig, true>) =>
        new TierRiskNoticeIssuer(queries, handler, catalog, config.get('TIER_RISK_NOTICE_DAYS', { infer: true })),
    },
  ],
  exports: [RenewalScheduler],
})
export class BackgroundModule {}
