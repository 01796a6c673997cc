import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModelQueries } from '@partner-program/read-models';
import { RequiresRole } from '../auth/roles.decorator';
import { Answers } from '../http/openapi/answers';
import { ValidQuery } from '../http/openapi/dto-params';
import { ReadYourWrites } from '../http/read-your-writes';
import { BadgesQuery } from '../http/request-dtos';

@ApiTags('badges')
@Controller('v1/badges')
export class BadgesController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @RequiresRole('reader')
  @ApiOperation({ summary: 'The directory of active principal badges: partnerId, area, since' })
  @Answers({ 200: ['Badges', 'the active badges'], 400: 'a parameter breaks its rule', 503: 'minPosition not reached within 5 s: retry (Retry-After)' })
  async directory(@ValidQuery(BadgesQuery) query: BadgesQuery) {
    await this.readYourWrites.waitFor(query.minPosition);
    return { badges: await this.queries.badges(query.area ? { area: query.area } : {}) };
  }
}
