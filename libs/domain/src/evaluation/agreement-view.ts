import { type RulesetCatalog, rulesetAt } from '../rules/ruleset-catalog';
import type { AgreementRecord, NoticeRecord, PartnerState } from '../state/partner-state';
import { entryAt, replacedEntryAt, valueAt } from '../state/state-updates';
import { fingerprint } from '../support/fingerprint';
import { addDays, endOfDate, startOfDate, toIsoDate } from '../support/time';

// ── The agreement and its renewal notice at a time T ───────────────────────────────────────────

export type AgreementStatus = 'active' | 'expired' | 'terminated' | 'not-yet-effective';
export type NoticeStatus = 'pending' | 'issued' | 'acknowledged' | 'cancelled';

export type AgreementView = Readonly<{
  record: AgreementRecord;
  expiresOn: string;
  /** Business time of the signing or renewal that set `expiresOn`: when the term became known. */
  expiresOnSetAt: number;
  status: AgreementStatus;
}>;

/**
 * The agreement in force at `time`: the one signed last (a new signing supersedes the old), except
 * that a term signed ahead, before its `effectiveFrom`, leaves the term it replaces running until
 * it starts: signing next year's agreement early must not cost the partner its tiers meanwhile.
 */
export function agreementAt(state: PartnerState, time: number): AgreementView | undefined {
  const latest = signedAgreementAt(state, time);
  if (latest?.status !== 'not-yet-effective') return latest;
  const running = viewAt(state, replacedEntryAt(state.signings, time)?.value, time);
  return running?.status === 'active' ? running : latest;
}

/** The agreement signed last by `time`, whatever its status then: the one a renewal or termination must name. */
export function signedAgreementAt(state: PartnerState, time: number): AgreementView | undefined {
  return viewAt(state, valueAt(state.signings, time), time);
}

function viewAt(state: PartnerState, agreementId: string | undefined, time: number): AgreementView | undefined {
  const record = agreementId === undefined ? undefined : state.agreements.get(agreementId);
  if (!record) return undefined;
  const { value: expiresOn, at: expiresOnSetAt } = entryAt(record.expiries, time) ?? record.expiries[0]!;
  return { record, expiresOn, expiresOnSetAt, status: statusAt(record, expiresOn, time) };
}

function statusAt(record: AgreementRecord, expiresOn: string, time: number): AgreementStatus {
  if (record.terminatedAt !== undefined && record.terminatedAt <= time) return 'terminated';
  if (time >= endOfDate(expiresOn)) return 'expired';
  if (time < startOfDate(record.effectiveFrom)) return 'not-yet-effective';
  return 'active';
}

/** The agreement the decider acts on: the latest signed, unless it was terminated. */
export function currentAgreement(state: PartnerState): AgreementView | undefined {
  const view = signedAgreementAt(state, Number.POSITIVE_INFINITY);
  return view && view.record.terminatedAt === undefined ? view : undefined;
}

/** One notice per agreement term: a stable, URL-safe id that consumers can deduplicate on. */
export function renewalNoticeId(partnerId: string, agreementId: string, expiresOn: string): string {
  return `rn-${fingerprint([partnerId, agreementId, expiresOn])}`;
}

/**
 * The notice is due `renewalNoticeDays` (60 by default) before the term ends; a term signed (or
 * renewed) with fewer days left has it due at once: on the day it was set (docs/programme-rules.md §1).
 * The lead time is the one of the ruleset in force when the term was set (before the first
 * ruleset, the first one's), so a term's due date is known, and stays, from the moment it is.
 */
export function noticeDueOn(catalog: RulesetCatalog, expiresOn: string, setAt: number): string {
  const { renewalNoticeDays } = rulesetAt(catalog, setAt) ?? catalog.rulesets[0]!;
  const leadDay = addDays(expiresOn, -renewalNoticeDays);
  const setOn = toIsoDate(setAt);
  return setOn > leadDay ? setOn : leadDay;
}

export function noticeStatusAt(notice: NoticeRecord | undefined, time: number): NoticeStatus {
  if (notice?.cancelledAt !== undefined && notice.cancelledAt <= time) return 'cancelled';
  if (notice?.acknowledgedAt !== undefined && notice.acknowledgedAt <= time) return 'acknowledged';
  if (notice?.issuedAt !== undefined && notice.issuedAt <= time) return 'issued';
  return 'pending';
}
