import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { pause } from '@partner-program/event-store';
import { PartnerProjector } from '@partner-program/read-models';
import { RenewalNoticeIssuer } from './renewal-notice-issuer';
import type { AppConfig } from '../config/app-config';
import { ShutdownCoordinator } from '../core/shutdown-coordinator';
import { APP_CONFIG, CLOCK, type Clock } from '../core/tokens';

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
    private readonly issuer: RenewalNoticeIssuer,
    private readonly shutdown: ShutdownCoordinator,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.shutdown.runInBackground(this.loop(), 'renewal scheduler');
  }

  private async loop(): Promise<void> {
    const signal = this.shutdown.signal;
    // The first tick reads the read models: run before they hold what the store held at start,
    // it would find no notice due and leave due ones pending for a whole interval. Catching up
    // here shares the projector's mutex (and its one rebuild of an empty model) with its loop.
    await this.catchUpReadModels(signal).catch((error) => this.logger.error(`catching up before the first tick failed: ${(error as Error).stack}`));
    while (!signal.aborted) {
      await this.tick().catch((error) => this.logger.error(`tick failed: ${(error as Error).stack}`));
      await pause(this.config.SCHEDULER_INTERVAL_MS, signal);
    }
  }

  private async catchUpReadModels(signal: AbortSignal): Promise<void> {
    if (this.projector.checkpoint() === 0n) await this.projector.rebuild();
    await this.projector.catchUp(signal);
  }

  /** One pass; returns what it did (tests and operators call it directly). */
  async tick(): Promise<{ refreshed: number; issued: number }> {
    const now = this.clock();
    const refreshed = await this.projector.refreshDue(now);
    const issued = await this.issuer.issueDue(now, () => this.shutdown.draining);
    if (refreshed + issued > 0) this.logger.log(`refreshed ${refreshed} partners, issued ${issued} notices`);
    return { refreshed, issued };
  }
}
