import { toIsoDate } from '@partner-program/domain';
import type { PartnerCommandHandler } from '@partner-program/ingestion';
import type { ReadModelQueries } from '@partner-program/read-models';

/**
 * Issues the renewal notices that are due, each through the partner's decider. Safe to run in
 * several processes at once: a notice exists once per agreement term in the stream, and the
 * expected revision turns a race into a retry that finds it issued.
 */
export class RenewalNoticeIssuer {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly handler: PartnerCommandHandler,
  ) {}

  async issueDue(now: Date, shouldStop: () => boolean = () => false): Promise<number> {
    let issued = 0;
    for (const notice of await this.queries.dueNotices(toIsoDate(now.getTime()), 1000)) {
      if (shouldStop()) break;
      const command = { type: 'IssueDueRenewalNotice', partnerId: notice.partnerId, now: now.toISOString() } as const;
      const { decision } = await this.handler.handle(command, { actor: { role: 'system', name: 'scheduler' } });
      if (decision.kind === 'accepted') issued += decision.events.length;
    }
    return issued;
  }
}
