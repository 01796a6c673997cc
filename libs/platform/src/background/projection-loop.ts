import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type EventStore, pause } from '@partner-program/event-store';
import { RejectionLogProjector } from '@partner-program/ingestion';
import { PartnerProjector } from '@partner-program/read-models';
import { ShutdownCoordinator } from '../core/shutdown-coordinator';
import { EVENT_STORE } from '../core/tokens';
import type { LeadershipTerm, TermWorker } from '../leadership/leadership';
import { Metrics } from '../observability/metrics';
import { eventsBehind } from './projection-lag';

/**
 * Keeps the read models and the rejection log's refusals current while this process leads the
 * projector: each follows the store from its own checkpoint until the term ends.
 */
@Injectable()
export class ProjectionLoop implements OnApplicationBootstrap, TermWorker {
  readonly name = 'projector';
  private readonly logger = new Logger('Projector');

  constructor(
    private readonly projector: PartnerProjector,
    private readonly shutdown: ShutdownCoordinator,
    private readonly metrics: Metrics,
    private readonly refusals: RejectionLogProjector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The lag is reported whether or not this process leads: a standby shows how far behind the read models are. */
  onApplicationBootstrap(): void {
    this.shutdown.runInBackground(this.reportLag(), 'projection lag reporter');
  }

  async runTerm(term: LeadershipTerm): Promise<void> {
    this.logger.log(`following the event store from position ${await this.projector.checkpoint()} (token ${term.epoch})`);
    await Promise.all([this.projector.run(term.signal), this.refusals.run(term.signal)]);
  }

  /** Publishes checkpoint and lag every second (cheap: one indexed read of the head). */
  private async reportLag(): Promise<void> {
    const signal = this.shutdown.signal;
    while (!signal.aborted) {
      const checkpoint = await this.projector.checkpoint();
      this.metrics.projectionCheckpoint.set(Number(checkpoint));
      this.metrics.projectionLag.set((await eventsBehind(this.store, checkpoint)).lagEvents);
      await pause(1000, signal);
    }
  }
}
