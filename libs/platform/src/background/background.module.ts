import { Module } from '@nestjs/common';
import { PartnerCommandHandler } from '@partner-program/ingestion';
import { ReadModelQueries } from '@partner-program/read-models';
import { RenewalNoticeIssuer } from './renewal-notice-issuer';
import { ProjectionLoop } from './projection-loop';
import { ProjectorTerms } from './projector-terms';
import { RenewalScheduler } from './renewal-scheduler';

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
  ],
  exports: [RenewalScheduler],
})
export class BackgroundModule {}
