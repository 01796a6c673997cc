import type { StoredCause } from '../events/notice-events';
import type { PartnerEvent } from '../events/partner-event';
import type { MessageRejected } from '../events/rejection-events';
import type { Prevention } from '../forecast/prevention-item';
import type { AreaId, BusinessModel, Tier } from '../vocabulary';
import type { ToggleSeries } from './toggle-series';

// ── Partner state ──────────────────────────────────────────────────────────────────────────────
// The fold of a partner stream. Every fact keeps its business time, so one state answers both
// "what may be decided now" (the decider) and "what held at time T" (status, as-of, timeline).
// The fold is linear and in place, and the types say so: `evolveInPlace` extends a `PartnerFold`
// (writable fields and `Map`s), so a 100,000-event stream folds in linear time; a copy per event
// would be quadratic (7,100 events: 30 ms in place, 6.7 s copying). Whoever folds owns its
// `PartnerFold`; readers (decide, status, timeline, the read models) get it as a `PartnerState`,
// the same object with read-only types. To branch, fold again from `initialState()`.

/**
 * A value that changed over business time; the entry in force at T is the last with `at ≤ T`.
 * `by` is the messageId that set it: evidence names the message behind a status, and the fold
 * has it for free (the store's position is not the domain's, the API layer maps one to the other).
 */
export type TimedValue<T> = Readonly<{ at: number; value: T; by: string }>;

export type AgreementRecord = Readonly<{
  agreementId: string;
  signedAt: number;
  signedBy: string;
  effectiveFrom: string;
  /** `expiresOn` as signed, then as moved by each renewal, by business time. */
  expiries: readonly TimedValue<string>[];
  terminatedAt?: number;
  terminatedBy?: string;
}>;

export type DealRecord = Readonly<{
  dealId: string;
  area: AreaId;
  /** Effective credits (credits × multiplier) in integer hundredths. */
  effectiveHundredths: number;
  bookedAt: number;
  bookedBy: string;
  reversedAt?: number;
}>;

export type NoticeRecord = Readonly<{
  noticeId: string;
  agreementId: string;
  expiresOn: string;
  dueOn: string;
  issuedAt?: number;
  acknowledgedAt?: number;
  cancelledAt?: number;
}>;

/** A tier-at-risk notice as recorded: what it said when issued, and what became of it. */
export type TierRiskNoticeRecord = Readonly<{
  noticeId: string;
  area: AreaId;
  from: Tier;
  to: Tier | null;
  /** Time of the drop, in milliseconds. */
  at: number;
  dropOn: string;
  dueOn: string;
  causes: readonly StoredCause[];
  prevention: readonly Prevention[];
  issuedAt: number;
  acknowledgedAt?: number;
  cancelledAt?: number;
}>;

export type FeePayment = Readonly<{ paidAt: number; periodEnd: string; paidBy: string }>;

/** The event a message id produced and its stream revision: enough to tell a retry from a reuse. */
export type MessageRecord = Readonly<{
  event: PartnerEvent;
  revision: number;
  /** The event's business time (`occurredAt`), parsed once: timelines ask for it at every evaluation. */
  at: number;
}>;

/** A message the domain refused, as recorded in the stream (`MessageRejected` at `revision`). */
export type RefusalRecord = Readonly<{ event: MessageRejected; revision: number }>;

/** A folded partner stream, writable: owned by whoever folds it with `evolveInPlace` (see above). */
export type PartnerFold = {
  /** Number of events folded; the revision of the next event. */
  version: number;
  messages: Map<string, MessageRecord>;
  /** Refused messages by messageId: a redelivery gets the recorded outcome, never a new decision. */
  refusals: Map<string, RefusalRecord>;
  agreements: Map<string, AgreementRecord>;
  /** Which agreement was signed when, by business time: the latest signed supersedes the others. */
  signings: readonly TimedValue<string>[];
  businessModels: readonly TimedValue<readonly BusinessModel[]>[];
  /** courseId → learnerId → completed/revoked. */
  trainings: Map<string, Map<string, ToggleSeries>>;
  dueDiligence: ToggleSeries;
  fees: readonly FeePayment[];
  solutionCompetencies: Map<string, ToggleSeries>;
  mastersCompetencies: Map<string, ToggleSeries>;
  deals: Map<string, DealRecord>;
  notices: Map<string, NoticeRecord>;
  riskNotices: Map<string, TierRiskNoticeRecord>;
  /** Business time of the earliest fact, for timelines. */
  firstFactAt?: number;
};

/** A folded partner stream as its readers see it: a `PartnerFold` with read-only fields and maps. */
export type PartnerState = { readonly [K in keyof PartnerFold]: ReadOnly<PartnerFold[K]> };

type ReadOnly<T> = T extends Map<infer K, infer V> ? ReadonlyMap<K, ReadOnly<V>> : T;

/**
 * Whether the domain accepted any message of the partner. A stream of refusals alone (each kept
 * so that a redelivery is told the same) holds no fact: to its readers the partner has no events.
 */
export function hasAcceptedEvents(state: PartnerState): boolean {
  return state.messages.size > 0;
}

export function initialState(): PartnerFold {
  return {
    version: 0,
    messages: new Map(),
    refusals: new Map(),
    agreements: new Map(),
    signings: [],
    businessModels: [],
    trainings: new Map(),
    dueDiligence: [],
    fees: [],
    solutionCompetencies: new Map(),
    mastersCompetencies: new Map(),
    deals: new Map(),
    notices: new Map(),
    riskNotices: new Map(),
  };
}
