import { AREAS, FORECAST_DEFAULT_DAYS, FORECAST_DIRECTIONS, FORECAST_MAX_DAYS, TIERS } from '@partner-program/domain';
import { CALENDAR_DATE, MessageIdRules, POINT_IN_TIME, POSITION_TEXT, PartnerIdRules, RequiredText } from '@partner-program/ingestion';
import { HISTORY_INTERVALS, MAX_HISTORY_POINTS, MAX_PAGE_SIZE, NOTICE_STATUSES } from '@partner-program/read-models';
import { IsDefined, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { EXPORT_FORMATS } from '../exports/export-formats';

// ── Path and query parameters, one DTO per route: they validate (400 naming the parameter) and
// they are the parameters of the OpenAPI document (dto-params.ts). Ids use the envelope's rules.

const TIME_MESSAGE = 'must be a real date (YYYY-MM-DD) or an ISO-8601 timestamp with offset';

/** An optional point in time (a date, or a timestamp with offset). */
/**
 * A field that may be left out but not sent as null: unlike IsOptional, a JSON body's `null`
 * (which the document does not allow) is checked, and refused, like any other wrong value.
 */
export const LeftOutOrValid = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

export const Time =
  (description: string): PropertyDecorator =>
  (target, key) => {
    LeftOutOrValid()(target, key);
    IsString({ message: TIME_MESSAGE })(target, key);
    Matches(new RegExp(`^${POINT_IN_TIME}$`), { message: TIME_MESSAGE })(target, key);
    JSONSchema({ description })(target, String(key));
  };

/** The zones this Node's ICU knows by their canonical IANA names, and UTC: what `tz` accepts and the document lists. */
const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')];

/**
 * The zone in which a date-only time is read (resolveInstant); a timestamp's own offset wins. An
 * enum rather than IsTimeZone, so the document lists exactly what is accepted (aliases such as
 * US/Pacific are refused with the message, not answered differently from what the schema says).
 */
const TimeZone =
  (description = 'IANA time zone in which a date-only time is read (default UTC); a timestamp keeps its own offset'): PropertyDecorator =>
  (target, key) => {
    IsOptional()(target, key);
    IsIn(TIME_ZONES, { message: 'must be an IANA time zone by its canonical name, e.g. Europe/Berlin, or UTC' })(target, key);
    JSONSchema({ type: 'string', description })(target, String(key));
  };

const KNOWN_AT =
  'as known at this time: only events recorded (`recordedAt`) by then; not in the future; a date is the end of that day in `tz` (needs the auditor role)';

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

/** An optional non-negative integer. */
export const Count =
  (description: string): PropertyDecorator =>
  (target, key) => {
    const message = 'must be a non-negative integer';
    LeftOutOrValid()(target, key);
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
  @Time(
    'the status at this business time, rebuilt from the event store; a date is the end of that day (23:59:59.999) in `tz`; default with `knownAt`: knownAt (needs the auditor role)',
  )
  asOf?: string;
  @Time(KNOWN_AT) knownAt?: string;
  @TimeZone() tz?: string;
  @Vocabulary(['true', 'false'], false, '`true`: each requirement and area names the stored events behind it (auditor; from the event store)')
  evidence?: string;
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
  @Time('changes at or after this timestamp, or from the start of this date in `tz` (default: from the first fact)') from?: string;
  @Time('changes up to this timestamp, or to the end of this date in `tz` (default: now, or knownAt)') to?: string;
  @Time(KNOWN_AT) knownAt?: string;
  @TimeZone() tz?: string;
}

const FORECAST_UNTIL = `the last time forecast: a date means through its end (UTC); after now, at most ${FORECAST_MAX_DAYS} days ahead (default ${FORECAST_DEFAULT_DAYS})`;

export class PartnerForecastQuery extends ReadQuery {
  @Time(FORECAST_UNTIL) until?: string;
}

export class ProgrammeForecastQuery extends ReadQuery {
  @Time(FORECAST_UNTIL) until?: string;
  @Vocabulary(AREAS, false, 'only this solution area') area?: string;
  @Vocabulary(FORECAST_DIRECTIONS, false, 'only drops (to a lower tier or none) or rises') direction?: string;
  @IsOptional() @IsString({ message: 'must be a string' }) @JSONSchema({ description: 'the `nextCursor` of the previous page, as returned' }) cursor?: string;
  @PageSize(100) limit?: number;
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

export class PartnerStatusExportQuery {
  @Time('business time of every status (default: now); a date means the end of that day in `tz`') asOf?: string;
  @Time('only events recorded by then (default: every event up to the log position the export starts at); a date means the end of that day in `tz`')
  knownAt?: string;
  @TimeZone('IANA time zone in which a date of `asOf` or `knownAt` ends (default UTC)') tz?: string;
  @Vocabulary(EXPORT_FORMATS, false, 'ndjson or csv (wins over Accept: application/x-ndjson or text/csv; default ndjson)') format?: string;
}

/** A rejection's id in the log. */
export class RejectionPath {
  @IsDefined({ message: 'is required' })
  @IsInt({ message: 'must be a positive integer' })
  @Min(1, { message: 'must be a positive integer' })
  @Max(Number.MAX_SAFE_INTEGER, { message: 'must be a positive integer' })
  @JSONSchema({ description: 'the `id` of an entry of GET /v1/rejections' })
  id!: number;
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
