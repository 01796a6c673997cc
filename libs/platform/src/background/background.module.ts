import { Module } from '@nestjs/common';
import { PartnerCommandHandler } from '@partner-program/ingestion';
import { ReadModelQueries } from '@partner-program/read-models';
import { RenewalNoticeIssuer } from './renewal-notice-issuer';
import { ProjectionLoop } from './projection-loop';
import { RenewalScheduler } from './renewal-scheduler';

/** The projector and the scheduler: the read side's background work, in any process that imports it. */
@Module({
  providers: [
    ProjectionLoop,
    RenewalScheduler,
    { provide: RenewalNoticeIssuer, inject: [ReadModelQueries, PartnerCommandHandler], useFactory: (queries: ReadModelQueries, handler: PartnerCommandHandler) => new RenewalNoticeIssuer(queries, handler) },
  ],
  exports: [RenewalScheduler],
})
export class BackgroundModule {}
