import { AREAS, TIERS } from '@partner-program/domain';
import { CALENDAR_DATE, MessageIdRules, POINT_IN_TIME, POSITION_TEXT, PartnerIdRules, RequiredText } from '@partner-program/ingestion';
import { HISTORY_INTERVALS, MAX_HISTORY_POINTS, MAX_PAGE_SIZE, NOTICE_STATUSES } from '@partner-program/read-models';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

// ── Path and query parameters, one DTO per route: they validate (400 naming the parameter) and
// they are the parameters of the OpenAPI document (dto-params.ts). Ids use the envelope's rules.

const TIME_MESSAGE = 'must be a real date (YYYY-MM-DD) or an ISO-8601 timestamp with offset';

const Time =
  (description: string): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key);
    IsString({ message: TIME_MESSAGE })(target, key);
    Matches(new RegExp(`^${POINT_IN_TIME}$`), { message: TIME_MESSAGE })(target, key);
    JSONSchema({ description })(target, String(key));
  };

const PageSize =
  (fallback: number): PropertyDecorator =>
  (target, key) => {
    const message = `must be an integer from 1 to ${MAX_PAGE_SIZE}`;
    IsOptional()(target, key);
    IsInt({ message })(target, key);
    Min(1, { message })(target, key);
    Max(MAX_PAGE_SIZE, { message })(target, key);
    JSONSchema({ description: `page size (default ${fallback})` })(target, String(key));
  };

const Count =
  (description: string): PropertyDecorator =>
  (target, key) => {
    const message = 'must be a non-negative integer';
    IsOptional()(target, key);
    IsInt({ message })(target, key);
    Min(0, { message })(target, key);
    Max(Number.MAX_SAFE_INTEGER, { message })(target, key);
    JSONSchema({ description })(target, String(key));
  };

const Vocabulary =
  (values: readonly string[], required: boolean, description: string): PropertyDecorator =>
  (target, key) => {
    (required ? IsDefined({ message: 'is required' }) : IsOptional())(target, key);
    IsIn([...values], { message: `must be one of ${values.join(', ')}` })(target, key);
    JSONSchema({ type: 'string', description })(target, String(key));
  };

/** Every read: read-your-writes. */
export class ReadQuery {
  @IsOptional()
  @Matches(POSITION_TEXT, { message: 'must be a non-negative integer' })
  @JSONSchema({ type: 'string', description: 'answer once the read models have applied this global position (waits ≤ 5 s, then 503 with Retry-After)' })
  minPosition?: string;
}

export class PartnerPath {
  @RequiredText(PartnerIdRules()) partnerId!: string;
}

/** Notice ids (`rn-…`) are written with the messageId charset. */
export class NoticePath {
  @RequiredText(MessageIdRules()) noticeId!: string;
}

export class PartnerStatusQuery extends ReadQuery {
  @Time('the status at this time, rebuilt from the event store (needs the auditor role)') asOf?: string;
}

export class PartnersQuery extends ReadQuery {
  @Vocabulary(AREAS, true, 'solution area') area!: string;
  @Vocabulary([...TIERS, 'none'], false, '`none` for partners without a tier in the area') tier?: string;
  @IsOptional() @IsString({ message: 'must be a string' }) @JSONSchema({ description: 'the `nextCursor` of the previous page, as returned' }) cursor?: string;
  @PageSize(100) limit?: number;
}

export class HistoryQuery extends ReadQuery {
  @Count('first stream revision of the page (default 0)') from?: number;
  @PageSize(100) limit?: number;
}

export class TimelineQuery extends ReadQuery {
  @Time('changes after this time (default: from the first fact)') from?: string;
  @Time('changes up to this time (default: now)') to?: string;
}

export class BadgesQuery extends ReadQuery {
  @Vocabulary(AREAS, false, 'only this solution area') area?: string;
}

export class NoticesQuery extends ReadQuery {
  @Vocabulary(NOTICE_STATUSES, false, 'only notices in this status') status?: string;
  @IsOptional()
  @Matches(new RegExp(`^${CALENDAR_DATE}$`), { message: 'must be a real date YYYY-MM-DD' })
  @JSONSchema({ type: 'string', description: 'only notices due on or before this date (YYYY-MM-DD)' })
  dueBefore?: string;
  @IsOptional() @IsString({ message: 'must be a string' }) @JSONSchema({ description: 'the `nextCursor` of the previous page, as returned' }) cursor?: string;
  @PageSize(100) limit?: number;
}

export class RejectionsQuery extends ReadQuery {
  @Count('the `nextAfter` of the previous page (default 0: from the start)') after?: number;
  @PageSize(100) limit?: number;
}

const DATE_MESSAGE = 'must be a real date YYYY-MM-DD';

const CalendarDate =
  (description: string): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key);
    Matches(new RegExp(`^${CALENDAR_DATE}$`), { message: DATE_MESSAGE })(target, key);
    JSONSchema({ type: 'string', description })(target, String(key));
  };

export class ProgrammeSummaryQuery extends ReadQuery {
  @Time('rejections received from this time (default: 30 days before rejectionsTo)') rejectionsFrom?: string;
  @Time('rejections received up to this time (default: now)') rejectionsTo?: string;
}

export class TierHistoryQuery extends ReadQuery {
  @Vocabulary(AREAS, true, 'solution area') area!: string;
  @CalendarDate('first point (default: 29 days, or 11 weeks, before `to`)') from?: string;
  @CalendarDate('no point after this date (default: today)') to?: string;
  @Vocabulary(HISTORY_INTERVALS, false, `a point at the end of every day (default) or of every 7th day; at most ${MAX_HISTORY_POINTS} points`)
  interval?: string;
}

/** A decimal more than 0 and at most 1 (`0.1`, `.25`, `1`), ≤ 6 places; spelt out without look-ahead, which fuzzers' generators lack. */
const SHARE = '^(?:0?\\.(?:[1-9][0-9]{0,5}|0[1-9][0-9]{0,4}|00[1-9][0-9]{0,3}|000[1-9][0-9]{0,2}|0000[1-9][0-9]?|00000[1-9])|1(?:\\.0{1,6})?)$';

export class CloseToNextTierQuery extends ReadQuery {
  @Vocabulary(AREAS, false, 'only this solution area') area?: string;
  @IsOptional()
  @Matches(new RegExp(SHARE), { message: 'must be a decimal more than 0 and at most 1' })
  @JSONSchema({ type: 'string', description: "credits within this share of the next tier's threshold count as close (default 0.1)" })
  share?: string;
  @IsOptional() @IsString({ message: 'must be a string' }) @JSONSchema({ description: 'the `nextCursor` of the previous page, as returned' }) cursor?: string;
  @PageSize(100) limit?: number;
}
