import { Module } from '@nestjs/common';
import { ProjectionLoop } from './projection-loop';
import { RenewalScheduler } from './renewal-scheduler';

/** The projector and the scheduler: the read side's background work, in any process that imports it. */
@Module({ providers: [ProjectionLoop, RenewalScheduler], exports: [RenewalScheduler] })
export class BackgroundModule {}
