import { type RulesetCatalog, toIsoDate } from '@partner-program/domain';
import type { PartnerCommandHandler } from '@partner-program/ingestion';
import type { ReadModelQueries } from '@partner-program/read-models';

/**
 * Takes each partner with a tier-at-risk notice due, or with an issued one a new fact prevented,
 * to its decider, which issues and cancels from the partner's own forecast. Safe in several
 * processes at once, as the renewal notices are: the notice id is stable and the expected
 * revision turns a race into a retry that finds the notice recorded.
 */
export class TierRiskNoticeIssuer {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly handler: PartnerCommandHandler,
    private readonly catalog: RulesetCatalog,
    private readonly leadDays: number,
  ) {}

  /** The number of notices issued or cancelled. */
  async issueDue(now: Date, shouldStop: () => boolean = () => false): Promise<number> {
    const partners = new Set((await this.queries.tierRiskNoticesToReview(toIsoDate(now.getTime()), 1000)).map((notice) => notice.partnerId));
    let recorded = 0;
    for (const partnerId of partners) {
      if (shouldStop()) break;
      const command = { type: 'ReviewTierRiskNotices', partnerId, now: now.toISOString(), leadDays: this.leadDays, catalog: this.catalog } as const;
      const { decision } = await this.handler.handle(command, { actor: { role: 'system', name: 'scheduler' } });
      if (decision.kind === 'accepted') recorded += decision.events.length;
    }
    return recorded;
  }
}
