import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { toIsoTime } from '@partner-program/domain';
import { CLOCK, type Clock } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { Answers } from '../http/openapi/answers';
import { ValidPath, ValidQuery } from '../http/openapi/dto-params';
import { ReadYourWrites } from '../http/read-your-writes';
import { PartnerForecastQuery, PartnerPath, ProgrammeForecastQuery } from '../http/request-dtos';
import { PartnerHistoryService } from '../partners/partner-history.service';
import { forecastUntil } from './forecast-horizon';

const BAD_PARAMETER = 'a parameter breaks its rule (named in the message and `details`), or `until` is not after now or too far ahead';
const NOT_YET = 'minPosition not reached within 5 s: retry (Retry-After)';

/** What will change if no new fact arrives: one partner's forecast, and every partner's. */
@ApiTags('forecast')
@Controller('v1')
export class ForecastController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly history: PartnerHistoryService,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('partners/:partnerId/forecast')
  @RequiresRole('reader')
  @ApiOperation({
    summary: 'Every tier and badge change from now until `until` if no new fact arrives, with its causes and, for a drop, what would prevent it',
  })
  @Answers({
    200: ['Forecast', 'the changes in time order'],
    400: BAD_PARAMETER,
    404: 'no accepted events for this partner (refusals alone are none)',
    503: NOT_YET,
  })
  async partner(@ValidPath(PartnerPath) { partnerId }: PartnerPath, @ValidQuery(PartnerForecastQuery) query: PartnerForecastQuery) {
    const now = this.clock().getTime();
    const until = forecastUntil(query.until, now);
    await this.readYourWrites.waitFor(query.minPosition);
    const forecast = await this.history.forecast(partnerId, now, until);
    if (!forecast) throw httpError(HttpStatus.NOT_FOUND, `partner ${partnerId} has no accepted events`);
    return forecast;
  }

  @Get('forecast')
  @RequiresRole('reader')
  @ApiOperation({ summary: "Every partner's forecast changes from now until `until`, by time, optionally of one area and direction, paged by cursor" })
  @Answers({ 200: ['ForecastPage', 'a page of changes'], 400: `${BAD_PARAMETER}, or a cursor not handed out by this route`, 503: NOT_YET })
  async programme(@ValidQuery(ProgrammeForecastQuery) query: ProgrammeForecastQuery) {
    const now = this.clock().getTime();
    const until = forecastUntil(query.until, now);
    await this.readYourWrites.waitFor(query.minPosition);
    const page = await this.queries.forecast({
      after: now,
      until,
      limit: query.limit ?? 100,
      ...(query.area ? { area: query.area } : {}),
      ...(query.direction ? { direction: query.direction } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    });
    return { from: toIsoTime(now), until: toIsoTime(until), ...page };
  }
}
