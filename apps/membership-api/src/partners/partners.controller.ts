import { Controller, Get, HttpStatus, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { roleSatisfies, CLOCK, type Clock } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { ERROR_SCHEMA, STATUS_SCHEMA } from '../http/openapi-schemas';
import { areaParam, limitParam, nonNegativeIntegerParam, partnerIdParam, tierParam, timeParam } from '../http/query-params';
import { ReadYourWrites } from '../http/read-your-writes';
import { PartnerHistoryService } from './partner-history.service';

const MIN_POSITION = { name: 'minPosition', required: false, description: 'answer once the read models have applied this position (≤ 5 s, then 503)' };

@ApiTags('partners')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'bad parameter', schema: ERROR_SCHEMA })
@ApiResponse({ status: 401, description: 'no or unknown API key', schema: ERROR_SCHEMA })
@ApiResponse({ status: 403, description: 'the key lacks the role', schema: ERROR_SCHEMA })
@Controller('v1/partners')
export class PartnersController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly history: PartnerHistoryService,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @RequiresRole('reader')
  @ApiOperation({ summary: 'Partners in an area at a tier (`none` for no tier), paged by cursor' })
  @ApiQuery({ name: 'area', required: true }) @ApiQuery({ name: 'tier', required: false }) @ApiQuery({ name: 'cursor', required: false }) @ApiQuery({ name: 'limit', required: false }) @ApiQuery(MIN_POSITION)
  async list(@Query('area') area?: string, @Query('tier') tier?: string, @Query('cursor') cursor?: string, @Query('limit') limit?: string, @Query('minPosition') minPosition?: string) {
    const filter = { area: areaParam(area, true)!, tier: tierParam(tier), limit: limitParam(limit, 100, 1000), ...(cursor ? { cursor } : {}) };
    await this.readYourWrites.waitFor(minPosition);
    return this.queries.partners(filter);
  }

  @Get(':partnerId')
  @RequiresRole('reader')
  @ApiOperation({ summary: 'Current status (read model); with `asOf` (auditor) the status at that time, rebuilt from the event store' })
  @ApiQuery({ name: 'asOf', required: false, description: 'date or ISO timestamp' }) @ApiQuery(MIN_POSITION)
  @ApiResponse({ status: 200, schema: STATUS_SCHEMA }) @ApiResponse({ status: 404, description: 'no events for this partner', schema: ERROR_SCHEMA })
  async status(
    @Param('partnerId') rawId: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('asOf') asOf?: string,
    @Query('minPosition') minPosition?: string,
  ) {
    const partnerId = partnerIdParam(rawId);
    if (asOf !== undefined) {
      if (!request.caller || !roleSatisfies(request.caller.role, 'auditor')) throw httpError(HttpStatus.FORBIDDEN, `asOf needs the auditor role; the key has ${request.caller?.role}`);
      const status = await this.history.statusAsOf(partnerId, timeParam('asOf', asOf));
      return status ?? notFound(partnerId);
    }
    await this.readYourWrites.waitFor(minPosition);
    const json = this.queries.partnerStatusJson(partnerId) ?? notFound(partnerId);
    // Already JSON text: sent as is, without parsing and serialising it again.
    void reply.type('application/json; charset=utf-8');
    return json;
  }

  @Get(':partnerId/history')
  @RequiresRole('auditor')
  @ApiOperation({ summary: 'Every stored event of the partner in order, with metadata; paged by revision (`from`, `limit`)' })
  @ApiQuery({ name: 'from', required: false }) @ApiQuery({ name: 'limit', required: false })
  async events(@Param('partnerId') rawId: string, @Query('from') from?: string, @Query('limit') limit?: string) {
    const partnerId = partnerIdParam(rawId);
    const page = await this.history.page(partnerId, nonNegativeIntegerParam('from', from), limitParam(limit, 100, 1000));
    if (page.items.length === 0 && (from === undefined || from === '0')) notFound(partnerId);
    return { partnerId, ...page };
  }

  @Get(':partnerId/timeline')
  @RequiresRole('auditor')
  @ApiOperation({ summary: 'Every tier and badge change with when it took effect and why (events, expiries, deals leaving the window, rulesets)' })
  @ApiQuery({ name: 'from', required: false }) @ApiQuery({ name: 'to', required: false })
  async timeline(@Param('partnerId') rawId: string, @Query('from') from?: string, @Query('to') to?: string) {
    const partnerId = partnerIdParam(rawId);
    const end = to === undefined ? this.clock().getTime() : timeParam('to', to);
    const changes = await this.history.timeline(partnerId, end, from === undefined ? undefined : timeParam('from', from));
    return changes ? { partnerId, changes } : notFound(partnerId);
  }
}

function notFound(partnerId: string): never {
  throw httpError(HttpStatus.NOT_FOUND, `partner ${partnerId} has no events`);
}
