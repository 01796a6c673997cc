import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ReadModelQueries } from '@partner-program/read-models';
import { RequiresRole } from '../auth/roles.decorator';
import { areaParam } from '../http/query-params';
import { ReadYourWrites } from '../http/read-your-writes';

@ApiTags('badges')
@ApiBearerAuth()
@Controller('v1/badges')
export class BadgesController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Get()
  @RequiresRole('reader')
  @ApiOperation({ summary: 'The directory of active principal badges: partnerId, area, since' })
  @ApiQuery({ name: 'area', required: false }) @ApiQuery({ name: 'minPosition', required: false })
  async directory(@Query('area') area?: string, @Query('minPosition') minPosition?: string) {
    const filter = areaParam(area, false);
    await this.readYourWrites.waitFor(minPosition);
    return { badges: this.queries.badges(filter ? { area: filter } : {}) };
  }
}
