import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { addDays, toIsoDate } from '@partner-program/domain';
import { CLOCK, type Clock, roleSatisfies } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { Answers } from '../http/openapi/answers';
import { ValidQuery } from '../http/openapi/dto-params';
import { ReadYourWrites } from '../http/read-your-writes';
import { CloseToNextTierQuery, ProgrammeSummaryQuery, TierHistoryQuery } from '../http/request-dtos';
import { ProgrammeSummaryService } from './programme-summary.service';

const BAD_PARAMETER = 'a parameter breaks its rule (named in the message and `details`)';
const NOT_YET = 'minPosition not reached within 5 s: retry (Retry-After)';

/** The default history: 30 daily points, or 12 weekly ones, ending today. */
const DEFAULT_POINTS = 30;
const DEFAULT_WEEKS = 12;
const FIRST_DATE = '0100-01-01';

@ApiTags('programme')
@Controller('v1/programme')
export class ProgrammeController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly summaries: ProgrammeSummaryService,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('summary')
  @RequiresRole('reader')
  @ApiOperation({
    summary:
      'Partners per area and tier, badges, standing by unmet requirement, agreements expiring, notices by status, projection lag; rejections by source and code over a period (admin keys only, else null)',
  })
  @Answers({ 200: ['ProgrammeSummary', 'the counts'], 400: `${BAD_PARAMETER}, or rejectionsFrom after rejectionsTo`, 503: NOT_YET })
  async summary(@ValidQuery(ProgrammeSummaryQuery) query: ProgrammeSummaryQuery, @Req() request: AuthenticatedRequest) {
    await this.readYourWrites.waitFor(query.minPosition);
    // Rejections are admin data (GET /v1/rejections): other roles get the key, with null.
    const withRejections = request.caller !== undefined && roleSatisfies(request.caller.role, 'admin');
    return this.summaries.summary({
      withRejections,
      ...(query.rejectionsFrom === undefined ? {} : { rejectionsFrom: query.rejectionsFrom }),
      ...(query.rejectionsTo === undefined ? {} : { rejectionsTo: query.rejectionsTo }),
    });
  }

  @Get('tier-history')
  @RequiresRole('reader')
  @ApiOperation({ summary: 'Partners per tier of an area at the end of each day or week, from the tier-change feed (at most 400 points)' })
  @Answers({ 200: ['TierHistory', 'the points, oldest first'], 400: `${BAD_PARAMETER}, to before from, or more than 400 points`, 503: NOT_YET })
  async tierHistory(@ValidQuery(TierHistoryQuery) query: TierHistoryQuery) {
    const interval = query.interval ?? 'day';
    const to = query.to ?? toIsoDate(this.clock().getTime());
    const from = query.from ?? defaultFrom(to, interval);
    await this.readYourWrites.waitFor(query.minPosition);
    return this.queries.tierHistory({ area: query.area, from, to, interval });
  }

  @Get('close-to-next-tier')
  @RequiresRole('reader')
  @ApiOperation({
    summary: 'Partners whose next tier misses one item only, or whose credits are within `share` of its threshold; by area, then partnerId, paged',
  })
  @Answers({ 200: ['CloseToNextTierPage', 'a page of partners'], 400: `${BAD_PARAMETER}, or a cursor not handed out by this route`, 503: NOT_YET })
  async closeToNextTier(@ValidQuery(CloseToNextTierQuery) query: CloseToNextTierQuery) {
    await this.readYourWrites.waitFor(query.minPosition);
    return this.queries.closeToNextTier({
      share: query.share === undefined ? 0.1 : Number(query.share),
      limit: query.limit ?? 100,
      ...(query.area ? { area: query.area } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
  }
}

/** 30 days or 12 weeks ending `to`, not before the first date the API knows (year 0100). */
function defaultFrom(to: string, interval: string): string {
  const from = addDays(to, interval === 'day' ? 1 - DEFAULT_POINTS : -7 * (DEFAULT_WEEKS - 1));
  return from < FIRST_DATE ? FIRST_DATE : from;
}
