import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { toIsoDate } from '@partner-program/domain';
import { PartnerCommandHandler } from '@partner-program/ingestion';
import { PartnerProjector, ReadModelQueries } from '@partner-program/read-models';
import type { AppConfig } from '../config/app-config';
import { ShutdownCoordinator } from '../core/shutdown-coordinator';
import { APP_CONFIG, CLOCK, type Clock } from '../core/tokens';
import { sleep } from './projection-loop';

/**
 * Every interval: records time-driven tier and badge changes (credits leaving the window,
 * expiries) and issues the renewal notices that are due, through the domain. Two schedulers may
 * run at once: the partner stream's expected revision makes each notice exactly-once.
 */
@Injectable()
export class RenewalScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly projector: PartnerProjector,
    private readonly queries: ReadModelQueries,
    private readonly handler: PartnerCommandHandler,
    private readonly shutdown: ShutdownCoordinator,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.shutdown.runInBackground(this.loop());
  }

  private async loop(): Promise<void> {
    const signal = this.shutdown.signal;
    while (!signal.aborted) {
      await this.tick().catch((error) => this.logger.error(`tick failed: ${(error as Error).stack}`));
      await sleep(this.config.SCHEDULER_INTERVAL_MS, signal);
    }
  }

  /** One pass; returns what it did (tests and operators call it directly). */
  async tick(): Promise<{ refreshed: number; issued: number }> {
    const now = this.clock();
    const refreshed = await this.projector.refreshDue(now);
    let issued = 0;
    for (const notice of this.queries.dueNotices(toIsoDate(now.getTime()), 1000)) {
      if (this.shutdown.draining) break;
      const command = { type: 'IssueDueRenewalNotice', partnerId: notice.partnerId, now: now.toISOString() } as const;
      const { decision } = await this.handler.handle(command, { actor: { role: 'system', name: 'scheduler' } });
      if (decision.kind === 'accepted') issued += decision.events.length;
    }
    if (refreshed + issued > 0) this.logger.log(`refreshed ${refreshed} partners, issued ${issued} notices`);
    return { refreshed, issued };
  }
}
