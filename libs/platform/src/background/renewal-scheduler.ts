import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { pause } from '@partner-program/event-store';
import { PartnerProjector } from '@partner-program/read-models';
import { RenewalNoticeIssuer } from './renewal-notice-issuer';
import { TierRiskNoticeIssuer } from './tier-risk-notice-issuer';
import type { AppConfig } from '../config/app-config';
import { ShutdownCoordinator } from '../core/shutdown-coordinator';
import { CLOCK, type Clock } from '../core/tokens';
import type { LeadershipTerm, TermWorker } from '../leadership/leadership';

/**
 * Every interval: records time-driven tier and badge changes (credits leaving the window,
 * expiries), issues the renewal and tier-at-risk notices that are due and cancels the tier-at-risk
 * ones a new fact prevented, through the domain. Two schedulers may
 * run at once: the partner stream's expected revision makes each notice exactly-once.
 */
@Injectable()
export class RenewalScheduler implements TermWorker {
  readonly name = 'renewal scheduler';
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly projector: PartnerProjector,
    private readonly issuer: RenewalNoticeIssuer,
    private readonly riskIssuer: TierRiskNoticeIssuer,
    private readonly shutdown: ShutdownCoordinator,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  /** Ticks every interval while this process leads, until the term ends. */
  async runTerm({ signal }: LeadershipTerm): Promise<void> {
    // The first tick reads the read models: run before they hold what the store held at start,
    // it would find no notice due and leave due ones pending for a whole interval. Catching up
    // here shares the projector's mutex (and its one rebuild of an empty model) with its loop.
    await this.catchUpReadModels(signal).catch((error) => this.logger.error(`catching up before the first tick failed: ${(error as Error).stack}`));
    while (!signal.aborted) {
      await this.tick(signal).catch((error) => this.logger.error(`tick failed: ${(error as Error).stack}`));
      await pause(this.config.get('SCHEDULER_INTERVAL_MS', { infer: true }), signal);
    }
  }

  private async catchUpReadModels(signal: AbortSignal): Promise<void> {
    if ((await this.projector.checkpoint()) === 0n) await this.projector.rebuild();
    await this.projector.catchUp(signal);
  }

  /** One pass; returns what it did (tests and operators call it directly). */
  async tick(signal: AbortSignal = this.shutdown.signal): Promise<{ refreshed: number; issued: number }> {
    const now = this.clock();
    const refreshed = await this.projector.refreshDue(now);
    const stopping = () => signal.aborted;
    const issued = (await this.issuer.issueDue(now, stopping)) + (await this.riskIssuer.issueDue(now, stopping));
    if (refreshed + issued > 0) this.logger.log(`refreshed ${refreshed} partners, issued or cancelled ${issued} notices`);
    return { refreshed, issued };
  }
}
