// ── @partner-program/domain: the programme's rules and the partner decider ───────────────────
// Plain TypeScript: no framework, store, broker, clock or random ids (enforced by
// .dependency-cruiser.cjs). Time and ids are arguments.

export * from './vocabulary';
export * from './events/event';
export * from './events/upstream-events';
export * from './events/notice-events';
export * from './events/partner-event';
export { fromRecorded, type RecordedEvent } from './events/recorded-event';
export * from './state/partner-state';
export { evolveInPlace } from './state/evolve';
export * from './decider/commands';
export * from './decider/decision';
export { decide } from './decider/decide';
export { PARTNER_STREAM_PREFIX, partnerIdFromStreamId, partnerStreamId } from './decider/partner-stream';
export type { MessageRejected, RefusedMessage } from './events/rejection-events';
export { contentKey, sameContent } from './decider/same-content';
export * from './rules/ruleset';
export { PARTNER_CONNECT_FY21 } from './rules/partner-connect-fy21';
export { RulesetError, parseRuleset } from './rules/ruleset-validation';
export * from './rules/ruleset-catalog';
export * from './evaluation/partner-status';
export { evaluateStatus, type EvaluationOptions } from './evaluation/evaluate-status';
export type { Evidence, EvidenceFact, EvidencedArea, EvidencedRequirement, EvidencedStatus } from './evaluation/evidence';
export { type AgreementStatus, type NoticeStatus, noticeDueOn, noticeStatusAt, renewalNoticeId } from './evaluation/agreement-view';
export type { NextStep } from './evaluation/area-tier';
export type { RequirementResult } from './evaluation/requirements';
export * from './timeline/tier-timeline';
export type { TimelineCause } from './timeline/timeline-cause';
export { collectMoments, type Moment } from './timeline/moments';
export { foldEvents, statusAsOf } from './as-of';
export { toHundredths, fromHundredths, applyMultiplier } from './support/credits';
export { DAY_MS, toMillis, toIsoDate, toIsoTime, startOfDate, endOfDate, addDays, isIsoDate } from './support/time';
export { type DaySide, resolveInstant } from './support/instant';
export {
  FORECAST_DEFAULT_DAYS,
  FORECAST_DIRECTIONS,
  FORECAST_MAX_DAYS,
  type Forecast,
  type ForecastChange,
  type ForecastDirection,
  forecast,
} from './forecast/forecast';
export { PREVENTION_ACTIONS, type Prevention, type PreventionAction } from './forecast/prevention';
export * from './forecast/tier-risk';
