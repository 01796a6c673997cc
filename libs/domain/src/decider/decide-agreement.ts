import { BACKEND_SOURCE } from '../events/event';
import type { NoticeCancellationReason, RenewalNoticeCancelled } from '../events/notice-events';
import type { AgreementRenewed, AgreementSigned, AgreementTerminated } from '../events/upstream-events';
import { type AgreementView, currentAgreement, noticeDueOn, renewalNoticeId, signedAgreementAt } from '../evaluation/agreement-view';
import type { RulesetCatalog } from '../rules/ruleset-catalog';
import type { PartnerState } from '../state/partner-state';
import { toMillis } from '../support/time';
import { type Decision, accepted, rejected } from './decision';

// ── Agreements: sign (superseding the old one), renew, terminate (docs/programme-rules.md §1) ──────────

type AgreementFact = AgreementSigned | AgreementRenewed | AgreementTerminated;

export function decideAgreementFact(partnerId: string, fact: AgreementFact, state: PartnerState, catalog: RulesetCatalog): Decision {
  const current = currentAgreement(state);
  if (fact.type === 'AgreementSigned') {
    const { agreementId, effectiveFrom, expiresOn } = fact.data;
    if (state.agreements.has(agreementId)) return rejected('agreement-already-signed', `agreement ${agreementId} was already signed`);
    if (expiresOn <= effectiveFrom) return rejected('invalid-term', `expiresOn ${expiresOn} is not after effectiveFrom ${effectiveFrom}`);
    // A signing dated before the current one's (arriving late) is history before it: it supersedes nothing.
    const supersedes = current !== undefined && toMillis(fact.meta.occurredAt) >= current.record.signedAt;
    return accepted(fact, ...(supersedes ? cancelPendingNotice({ partnerId, state, catalog }, current, fact, 'superseded') : []));
  }
  if (!current || current.record.agreementId !== fact.data.agreementId) {
    const active = current ? `the active agreement is ${current.record.agreementId}` : 'there is no active agreement';
    return rejected('agreement-not-active', `agreement ${fact.data.agreementId} is not the active one: ${active}`);
  }
  if (fact.type === 'AgreementRenewed') {
    const inactive = inactiveAtRenewal(state, fact);
    if (inactive) return rejected('agreement-not-active', inactive);
    if (fact.data.expiresOn <= current.expiresOn) {
      return rejected('renewal-not-later', `renewal to ${fact.data.expiresOn} does not move expiresOn ${current.expiresOn} later`);
    }
  }
  const reason = fact.type === 'AgreementRenewed' ? 'renewed' : 'terminated';
  return accepted(fact, ...cancelPendingNotice({ partnerId, state, catalog }, current, fact, reason));
}

/**
 * Why the renewed agreement was not active when the renewal happened (its business time), if it
 * was not: a renewal moves the end of a running term (docs/programme-rules.md §1, "the active one"); an
 * expired agreement is signed again. Before `effectiveFrom` the term is signed, so renewable.
 */
function inactiveAtRenewal(state: PartnerState, renewal: AgreementRenewed): string | undefined {
  const { agreementId } = renewal.data;
  const at = renewal.meta.occurredAt;
  const view = signedAgreementAt(state, toMillis(at));
  if (view?.record.agreementId !== agreementId) return `agreement ${agreementId} is not in force on ${at}: it was signed later`;
  if (view.status === 'expired') return `agreement ${agreementId} is not active on ${at}: it expired on ${view.expiresOn}`;
  return undefined;
}

/** The current term's notice, if not issued yet, will never be: record that it is cancelled. */
function cancelPendingNotice(
  { partnerId, state, catalog }: { partnerId: string; state: PartnerState; catalog: RulesetCatalog },
  current: AgreementView | undefined,
  cause: AgreementFact,
  reason: NoticeCancellationReason,
): RenewalNoticeCancelled[] {
  if (!current) return [];
  const { agreementId } = current.record;
  const noticeId = renewalNoticeId(partnerId, agreementId, current.expiresOn);
  const notice = state.notices.get(noticeId);
  if (notice?.issuedAt !== undefined || notice?.cancelledAt !== undefined) return [];
  return [
    {
      type: 'RenewalNoticeCancelled',
      data: { noticeId, agreementId, expiresOn: current.expiresOn, dueOn: noticeDueOn(catalog, current.expiresOn, current.expiresOnSetAt), reason },
      meta: { messageId: `${cause.meta.messageId}:notice-cancelled`, occurredAt: cause.meta.occurredAt, source: BACKEND_SOURCE },
    },
  ];
}
