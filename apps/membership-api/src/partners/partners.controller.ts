import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { toMillis } from '@partner-program/domain';
import { roleSatisfies, CLOCK, type Clock } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { ValidPath, ValidQuery } from '../http/openapi/dto-params';
import { Answers } from '../http/openapi/answers';
import { ReadYourWrites } from '../http/read-your-writes';
import { HistoryQuery, PartnerPath, PartnersQuery, PartnerStatusQuery, TimelineQuery } from '../http/request-dtos';
import { PartnerHistoryService } from './partner-history.service';

const BAD_PARAMETER = 'a parameter breaks its rule (named in the message and `details`)';
const NOT_YET = 'minPosition not reached within 5 s: retry (Retry-After)';
const EVIDENCE =
  '`evidence=true` (auditor) adds to each requirement and area `evidence: { facts, missing }`: the stored events that make its clauses met ' +
  '(`messageId`, `position`, `type`, `occurredAt`, `recordedAt`, `source`, and `why` it counts) and what an unmet clause misses ' +
  '(the vocabulary of `next.missing`, plus `agreement`, `learner:<course>:<have>/<need>`, `due-diligence`, `programme-fee`). ' +
  'It is answered from the event store, evaluated from the same events as the status; without `asOf`, at the current time. ' +
  'An `asOf` status carries evidence only with `evidence=true`, so that plain asOf stays cheap.';

@ApiTags('partners')
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
  @Answers({ 200: ['PartnersPage', 'a page of partners'], 400: `${BAD_PARAMETER}, or a cursor not handed out by this route`, 503: NOT_YET })
  async list(@ValidQuery(PartnersQuery) query: PartnersQuery) {
    const filter = {
      area: query.area,
      limit: query.limit ?? 100,
      ...(query.tier ? { tier: query.tier } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    };
    await this.readYourWrites.waitFor(query.minPosition);
    return this.queries.partners(filter);
  }

  @Get(':partnerId')
  @RequiresRole('reader')
  @ApiOperation({
    summary: 'Current status (read model); with `asOf` (auditor) the status at that time, rebuilt from the event store',
    description: EVIDENCE,
  })
  @Answers({ 200: ['PartnerStatus', 'the status'], 400: BAD_PARAMETER, 404: 'no events for this partner', 503: NOT_YET })
  async status(
    @ValidPath(PartnerPath) path: PartnerPath,
    @ValidQuery(PartnerStatusQuery) query: PartnerStatusQuery,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { partnerId } = path;
    const evidence = query.evidence === 'true';
    if (query.asOf !== undefined || evidence) {
      if (!request.caller || !roleSatisfies(request.caller.role, 'auditor'))
        throw httpError(HttpStatus.FORBIDDEN, `asOf and evidence need the auditor role; the key has ${request.caller?.role}`);
      const time = query.asOf === undefined ? this.clock().getTime() : toMillis(query.asOf);
      await this.readYourWrites.waitFor(query.minPosition);
      const status = await this.history.statusAsOf(partnerId, time, { evidence });
      return status ?? notFound(partnerId);
    }
    await this.readYourWrites.waitFor(query.minPosition);
    const json = (await this.queries.partnerStatusJson(partnerId)) ?? notFound(partnerId);
    // Already JSON text: sent as is, without parsing and serialising it again.
    void reply.type('application/json; charset=utf-8');
    return json;
  }

  @Get(':partnerId/history')
  @RequiresRole('auditor')
  @ApiOperation({ summary: 'Every stored event of the partner in order, with metadata; paged by revision (`from`, `limit`)' })
  @Answers({ 200: ['HistoryPage', 'a page of stored events'], 400: BAD_PARAMETER, 404: 'no events for this partner', 503: NOT_YET })
  async events(@ValidPath(PartnerPath) { partnerId }: PartnerPath, @ValidQuery(HistoryQuery) query: HistoryQuery) {
    const from = query.from ?? 0;
    await this.readYourWrites.waitFor(query.minPosition);
    const page = await this.history.page(partnerId, from, query.limit ?? 100);
    if (page.items.length === 0 && from === 0) notFound(partnerId);
    return { partnerId, ...page };
  }

  @Get(':partnerId/timeline')
  @RequiresRole('auditor')
  @ApiOperation({ summary: 'Every tier and badge change with when it took effect and why (events, expiries, deals leaving the window, rulesets)' })
  @Answers({ 200: ['Timeline', 'the changes in time order'], 400: BAD_PARAMETER, 404: 'no events for this partner', 503: NOT_YET })
  async timeline(@ValidPath(PartnerPath) { partnerId }: PartnerPath, @ValidQuery(TimelineQuery) query: TimelineQuery) {
    await this.readYourWrites.waitFor(query.minPosition);
    const end = query.to === undefined ? this.clock().getTime() : toMillis(query.to);
    const changes = await this.history.timeline(partnerId, end, query.from === undefined ? undefined : toMillis(query.from));
    return changes ? { partnerId, changes } : notFound(partnerId);
  }
}

function notFound(partnerId: string): never {
  throw httpError(HttpStatus.NOT_FOUND, `partner ${partnerId} has no events`);
}
