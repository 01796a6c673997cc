import { BACKEND_SOURCE } from '../events/event';
import { agreementAt, currentAgreement, noticeDueOn, renewalNoticeId } from '../evaluation/agreement-view';
import type { RulesetCatalog } from '../rules/ruleset-catalog';
import type { PartnerState, TimedValue } from '../state/partner-state';
import { startOfDate, toIsoTime, toMillis } from '../support/time';
import type { AcknowledgeRenewalNotice, IssueDueRenewalNotice } from './commands';
import { type Decision, accepted, rejected } from './decision';

// ── Renewal notices: one per agreement term, due 60 days (the ruleset's) before it ends (docs/programme-rules.md §1) ───

export function decideDueNotice(command: IssueDueRenewalNotice, state: PartnerState, catalog: RulesetCatalog): Decision {
  const now = toMillis(command.now);
  const current = currentAgreement(state);
  if (!current || current.record.signedAt > now) return accepted();
  const { agreementId } = current.record;
  const { expiresOn } = current;
  const noticeId = renewalNoticeId(command.partnerId, agreementId, expiresOn);
  const dueOn = noticeDueOn(catalog, expiresOn, current.expiresOnSetAt);
  const termOver = agreementAt(state, now)?.status === 'expired';
  if (state.notices.has(noticeId) || now < startOfDate(dueOn) || termOver) return accepted();
  return accepted({
    type: 'RenewalNoticeIssued',
    data: { noticeId, agreementId, expiresOn, dueOn },
    meta: { messageId: `notice-issued:${noticeId}`, occurredAt: toIsoTime(now), source: BACKEND_SOURCE },
  });
}

export function decideAcknowledgement(command: AcknowledgeRenewalNotice, state: PartnerState, catalog: RulesetCatalog): Decision {
  const notice = state.notices.get(command.noticeId);
  if (!notice) {
    // The notice of one of the partner's terms exists (it is listed as pending) before it is issued.
    const term = termOfNotice(state, command.partnerId, command.noticeId);
    if (term === undefined) return rejected('notice-not-found', `partner ${command.partnerId} has no notice ${command.noticeId}`);
    return rejected('notice-not-issued', `notice ${command.noticeId} is not issued yet: it is due on ${noticeDueOn(catalog, term.value, term.at)}`);
  }
  if (notice.cancelledAt !== undefined) return rejected('notice-cancelled', `notice ${command.noticeId} was cancelled`);
  // Only issuing and cancelling create a notice record, so an uncancelled one was issued.
  if (notice.acknowledgedAt !== undefined) return accepted();
  return accepted({
    type: 'RenewalNoticeAcknowledged',
    data: { noticeId: notice.noticeId },
    meta: {
      messageId: `notice-acknowledged:${notice.noticeId}`,
      occurredAt: toIsoTime(toMillis(command.now)),
      source: BACKEND_SOURCE,
    },
  });
}

/** The partner's agreement term whose notice has this id (its `expiresOn` and when it was set), if any. */
function termOfNotice(state: PartnerState, partnerId: string, noticeId: string): TimedValue<string> | undefined {
  for (const record of state.agreements.values()) {
    const term = record.expiries.find(({ value }) => renewalNoticeId(partnerId, record.agreementId, value) === noticeId);
    if (term) return term;
  }
  return undefined;
}
