import { AREAS, FORECAST_DIRECTIONS, PREVENTION_ACTIONS, TIERS } from '@partner-program/domain';
import { schemaRef, type JsonSchema } from '@partner-program/ingestion';
import { ROLES } from '@partner-program/platform';
import { NOTICE_STATUSES } from '@partner-program/read-models';

// ── Response bodies (docs/contract.md §2), as `components.schemas` of the OpenAPI document ────────────
// Requests are documented from their validating DTOs; these describe what the service answers.

const text = { type: 'string' };
const integer = { type: 'integer' };
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, nullable: true });
const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)): JsonSchema => ({ type: 'object', required, properties });
const area = { type: 'string', enum: [...AREAS] };
const tier = { type: 'string', enum: [...TIERS] };
const date = { type: 'string', format: 'date' };
const time = { type: 'string', format: 'date-time' };
const sha256 = { type: 'string', pattern: '^[0-9a-f]{64}$' };

const problem = object({ path: text, message: text });

const ErrorBody = {
  ...object({ statusCode: integer, error: text, message: text }),
  description: 'docs/contract.md §2 error shape; an ingestion answer adds the result fields (messageId, outcome, code).',
  properties: {
    statusCode: integer,
    error: text,
    message: text,
    details: list({ type: 'object', description: 'a broken rule `{ path, message }`, or `{ code }` of a domain rejection' }),
    messageId: nullable(text),
    outcome: { type: 'string', enum: ['invalid', 'rejected'] },
    code: { ...text, description: 'rejection code of the domain, or `invalid`' },
    reason: text,
    problems: list(problem),
    retryAfter: { ...integer, description: 'seconds; also sent as Retry-After' },
  },
};

const IngestResult = {
  ...object({ messageId: nullable(text), outcome: { type: 'string', enum: ['appended', 'duplicate', 'invalid', 'rejected'] } }),
  properties: {
    messageId: nullable(text),
    outcome: { type: 'string', enum: ['appended', 'duplicate', 'invalid', 'rejected'] },
    position: { ...integer, description: 'global position, when stored (duplicate: the original)' },
    code: text,
    reason: text,
    problems: list(problem),
  },
};

const BatchResult = { ...object({ results: list(schemaRef('IngestResult')) }), description: 'one result per message, in order' };

const KNOWN_AT = 'only events recorded by this instant were evaluated (null: every recorded event); on answers rebuilt from the event store';
const next = nullable(object({ tier, missing: list(text) }, ['tier']));
const evidenceFact = object({ messageId: text, position: integer, type: text, occurredAt: time, recordedAt: time, source: text, why: text });
const evidence = {
  ...object({ facts: list(evidenceFact), missing: list(text) }),
  description: 'only with `evidence=true`: the stored events behind the clause and what an unmet one misses',
};
const PartnerStatus = object(
  {
    partnerId: text,
    evaluatedAt: { ...time, description: 'the business time evaluated: the exact instant used (asOf, or knownAt without asOf, or the evaluation time)' },
    ruleset: nullable(text),
    programme: { type: 'string', enum: ['partner-connect', 'legacy'] },
    goodStanding: { type: 'boolean' },
    agreement: nullable(
      object({
        agreementId: text,
        status: { type: 'string', enum: ['active', 'expired', 'terminated', 'not-yet-effective'] },
        effectiveFrom: date,
        expiresOn: date,
        renewalNotice: object({ noticeId: text, dueOn: date, status: { type: 'string', enum: [...NOTICE_STATUSES] } }),
      }),
    ),
    businessModels: list(text),
    requirements: list(object({ id: text, met: { type: 'boolean' }, detail: text, evidence }, ['id', 'met', 'detail'])),
    areas: object(
      Object.fromEntries(
        AREAS.map((id) => [
          id,
          object({ tier: nullable(tier), credits: { type: 'number' }, badge: { type: 'boolean' }, next, evidence }, ['tier', 'credits', 'badge', 'next']),
        ]),
      ),
    ),
    badges: list(object({ area, since: time })),
    entitlements: object({ dealRegistration: list(area), coSelling: list(area), mscIncentives: list(area) }),
    knownAt: { ...nullable(time), description: KNOWN_AT },
    position: { ...integer, description: 'the last global position the status reflects (`asOf`/`knownAt`: the last event folded)' },
  },
  ['partnerId', 'evaluatedAt', 'programme', 'goodStanding', 'areas', 'badges', 'entitlements'],
);

const HistoryPage = object({
  partnerId: text,
  items: list(
    object(
      {
        streamId: text,
        position: integer,
        revision: integer,
        type: text,
        occurredAt: nullable(text),
        recordedAt: text,
        source: nullable(text),
        messageId: nullable(text),
        data: { type: 'object' },
        metadata: { type: 'object' },
        hash: nullable({ ...sha256, description: 'SHA-256 chaining the event to the previous one of its stream (docs/contract.md, "Tamper evidence")' }),
        previousHash: nullable({ ...sha256, description: 'the hash of the previous revision (64 zeros before revision 0)' }),
      },
      ['position', 'revision', 'type', 'data', 'hash', 'previousHash'],
    ),
  ),
  nextFrom: nullable(integer),
});

const ChainHead = object({ partnerId: text, revision: integer, position: integer, hash: nullable(sha256) });

const cause = {
  type: 'object',
  required: ['kind'],
  properties: { kind: { type: 'string', enum: ['event', 'deal-left-window', 'expired', 'agreement-took-effect', 'ruleset-took-effect'] } },
};
const Timeline = object({
  partnerId: text,
  knownAt: { ...nullable(time), description: KNOWN_AT },
  position: { ...integer, description: 'the last event folded' },
  changes: list(object({ at: time, area, from: nullable(tier), to: nullable(tier), causes: list(cause) }, ['at', 'area', 'from', 'to', 'causes'])),
});

const prevention = object(
  {
    action: { type: 'string', enum: [...PREVENTION_ACTIONS] },
    before: time,
    text: text,
    area,
    credits: { type: 'number', description: 'effective credits (after accelerators) still missing in the window at `before`' },
    competencies: { ...list(text), description: 'any one of these' },
    msc: text,
    requirement: text,
    courseId: text,
    learners: { ...integer, description: 'more learners who must hold the course at `before`' },
  },
  ['action', 'before', 'text'],
);
const forecastChange = {
  at: time,
  area,
  from: nullable(tier),
  to: nullable(tier),
  badge: { type: 'boolean' },
  direction: { type: 'string', enum: [...FORECAST_DIRECTIONS] },
  ruleset: nullable(text),
  causes: list(cause),
  prevention: { ...list(prevention), description: 'for a drop, everything needed to keep the tier; empty for a rise' },
};
const Forecast = object({ partnerId: text, from: time, until: time, position: integer, changes: list(object(forecastChange)) });
const ForecastPage = object({ from: time, until: time, items: list(object({ partnerId: text, ...forecastChange })), nextCursor: nullable(text) });

const PartnersPage = object({
  items: list(object({ partnerId: text, area, tier: nullable(tier), badge: { type: 'boolean' }, credits: { type: 'number' } })),
  nextCursor: nullable(text),
});

const Badges = object({ badges: list(object({ partnerId: text, area, since: time })) });

const notice = object(
  {
    noticeId: text,
    partnerId: text,
    agreementId: text,
    expiresOn: date,
    dueOn: date,
    status: { type: 'string', enum: [...NOTICE_STATUSES] },
    issuedAt: nullable(time),
    acknowledgedAt: nullable(time),
    cancelledAt: nullable(time),
  },
  ['noticeId', 'partnerId', 'agreementId', 'expiresOn', 'dueOn', 'status'],
);
const NoticesPage = object({ items: list(notice), nextCursor: nullable(text) });

const tierRiskNotice = object(
  {
    noticeId: text,
    partnerId: text,
    area,
    from: tier,
    to: nullable(tier),
    dropOn: date,
    dueOn: date,
    causes: { ...list(cause), description: 'the one cause of the drop this notice is for' },
    prevention: { ...list(prevention), description: 'everything needed to keep the tier' },
    status: { type: 'string', enum: [...NOTICE_STATUSES] },
    issuedAt: time,
  },
  ['noticeId', 'partnerId', 'area', 'from', 'to', 'dropOn', 'dueOn', 'causes', 'prevention', 'status'],
);
const TierRiskNoticesPage = object({ items: list(tierRiskNotice), nextCursor: nullable(text) });

const Acknowledged = object(
  { noticeId: text, status: { type: 'string', enum: ['acknowledged'] }, position: integer, alreadyAcknowledged: { type: 'boolean' } },
  ['noticeId', 'status'],
);

const replayOutcome = { type: 'string', enum: ['appended', 'duplicate', 'invalid', 'rejected'] };
const replayAttempt = object(
  {
    at: time,
    outcome: replayOutcome,
    code: { ...text, description: '`invalid`, or the rejection code of the domain' },
    reason: text,
    position: { ...integer, description: 'where the message is stored (appended, duplicate) or its new refusal recorded' },
    by: object({ role: text, keyId: { ...text, description: 'the key’s name (its role and place in API_KEYS, e.g. `admin-1`), never the key' } }, ['role']),
    requestId: { ...text, description: 'the X-Request-Id of the replay' },
  },
  ['at', 'outcome', 'by', 'requestId'],
);

const ReplayResult = {
  ...replayAttempt,
  required: ['id', ...(replayAttempt['required'] as string[])],
  properties: { id: integer, messageId: text, ...(replayAttempt['properties'] as Record<string, JsonSchema>) },
};

const bulkItem = {
  oneOf: [
    schemaRef('ReplayResult'),
    object({ id: integer, messageId: text, notReplayable: { ...text, description: 'why it cannot be replayed (a payload cut at 64 KiB)' } }, [
      'id',
      'notReplayable',
    ]),
    object({ id: integer, messageId: text, wouldReplay: { type: 'boolean', enum: [true] } }, ['id', 'wouldReplay']),
  ],
};
const BulkReplay = object({ dryRun: { type: 'boolean' }, results: list(bulkItem), nextAfter: nullable(integer) });

const rejection = object(
  {
    id: integer,
    outcome: { type: 'string', enum: ['invalid', 'rejected'] },
    code: text,
    reason: text,
    problems: list(problem),
    messageId: text,
    partnerId: text,
    type: text,
    source: { ...text, description: "the envelope's source, when the message named a valid one" },
    payload: { ...text, description: 'the message as received' },
    origin: { type: 'object' },
    receivedAt: time,
    replays: { ...list(replayAttempt), description: 'the admins’ replays of it, oldest first (absent if never replayed)' },
  },
  ['id', 'outcome', 'code', 'reason', 'payload', 'origin', 'receivedAt'],
);
const RejectionsPage = object({ items: list(rejection), nextAfter: nullable(integer) });

const count = { ...integer, minimum: 0 };
const tierCounts = { partner: count, advanced: count, principal: count, none: count };
const ProgrammeSummary = object({
  position: integer,
  evaluatedAt: time,
  partners: count,
  areas: object(Object.fromEntries(AREAS.map((id) => [id, object({ ...tierCounts, badges: count })]))),
  goodStanding: object({
    yes: count,
    no: count,
    byUnmetRequirement: { type: 'object', additionalProperties: count, description: 'partners per unmet requirement id' },
  }),
  agreementsExpiring: {
    ...object({ in30Days: count, in60Days: count, in90Days: count }),
    description: 'running agreements ending from today to today + N days (cumulative)',
  },
  notices: object(Object.fromEntries(NOTICE_STATUSES.map((status) => [status, count]))),
  rejections: {
    ...nullable(
      object({
        from: time,
        to: time,
        total: count,
        bySourceAndCode: list(
          object({ source: { ...nullable(text), description: 'the envelope source; null when the message named none' }, code: text, count }),
        ),
      }),
    ),
    description: 'received from `from` to `to` (both inclusive), most first; null unless the key is an admin key',
  },
  projection: object({ position: integer, headPosition: integer, lagEvents: count, lagSeconds: { type: 'number', minimum: 0 } }),
});

const TierHistory = object({
  area,
  interval: { type: 'string', enum: ['day', 'week'] },
  from: date,
  to: date,
  points: list(object({ date, ...tierCounts })),
});

const CloseToNextTierPage = object({
  items: list(
    object({
      partnerId: text,
      area,
      tier: nullable(tier),
      nextTier: tier,
      missing: list(text),
      credits: { type: 'number' },
      creditsNeeded: { type: 'number', minimum: 0, description: 'credits still to earn for nextTier (0: they suffice)' },
    }),
  ),
  nextCursor: nullable(text),
});

const Me = object({ role: { type: 'string', enum: [...ROLES] } });

const Rebuild = object({ rebuilt: { type: 'boolean' }, events: integer, ms: { type: 'number' }, position: integer });

const indicator = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } } },
};
const Health = {
  ...object({ status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] } }),
  properties: { status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] }, info: nullable(indicator), error: nullable(indicator), details: indicator },
};

export const RESPONSE_SCHEMAS: Record<string, JsonSchema> = {
  ErrorBody,
  IngestResult,
  BatchResult,
  PartnerStatus,
  HistoryPage,
  ChainHead,
  Timeline,
  Forecast,
  ForecastPage,
  PartnersPage,
  Badges,
  NoticesPage,
  TierRiskNoticesPage,
  Acknowledged,
  RejectionsPage,
  ReplayResult,
  BulkReplay,
  ProgrammeSummary,
  TierHistory,
  CloseToNextTierPage,
  Rebuild,
  Health,
  Me,
};

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;
