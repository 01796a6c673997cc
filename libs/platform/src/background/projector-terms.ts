import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PartnerProjector } from '@partner-program/read-models';
import { ShutdownCoordinator } from '../core/shutdown-coordinator';
import { LEADERSHIPS, REBUILD_REQUESTS } from '../core/tokens';
import type { TermWorker } from '../leadership/leadership';
import type { Leaderships } from '../leadership/leaderships';
import { RebuildRequestWorker } from '../leadership/rebuild-request-worker';
import type { PostgresRebuildRequests } from '../leadership/rebuild-requests';
import { serveDuty } from '../leadership/serve-duty';
import { Metrics } from '../observability/metrics';
import { ProjectionLoop } from './projection-loop';
import { rebuildReadModels } from './rebuild-read-models';
import { RenewalScheduler } from './renewal-scheduler';

/**
 * The read side's background work runs only while this process leads the projector: the
 * projectors, the renewal scheduler and, with DATABASE_URL, the rebuilds asked by any replica.
 */
@Injectable()
export class ProjectorTerms implements OnApplicationBootstrap {
  private readonly logger = new Logger('Rebuild');

  constructor(
    @Inject(LEADERSHIPS) private readonly leaderships: Leaderships,
    @Inject(REBUILD_REQUESTS) private readonly requests: PostgresRebuildRequests | null,
    private readonly loop: ProjectionLoop,
    private readonly scheduler: RenewalScheduler,
    private readonly projector: PartnerProjector,
    private readonly shutdown: ShutdownCoordinator,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const workers: TermWorker[] = [this.loop, this.scheduler];
    if (this.requests) {
      workers.push(
        new RebuildRequestWorker(this.requests, () => rebuildReadModels(this.projector), {
          finished: (id, outcome) =>
            'result' in outcome
              ? this.logger.log(`rebuilt every read model for request ${id}: ${outcome.result.events} events in ${Math.round(outcome.result.ms)} ms`)
              : this.logger.error(`rebuild request ${id} failed: ${outcome.error}`),
          failed: (error) => this.logger.error(`serving rebuild requests failed, retrying: ${(error as Error).stack}`),
        }),
      );
    }
    serveDuty('projector', this.leaderships.projector, workers, this.shutdown, this.metrics);
  }
}
