import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { resolveInstant, toIsoTime } from '@partner-program/domain';
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
const NOT_KNOWN = 'no accepted events for this partner (refusals alone are none; with `knownAt`: none recorded by then)';
const EVIDENCE =
  '`evidence=true` (auditor) adds to each requirement and area `evidence: { facts, missing }`: the stored events that make its clauses met ' +
  '(`messageId`, `position`, `type`, `occurredAt`, `recordedAt`, `source`, and `why` it counts) and what an unmet clause misses ' +
  '(the vocabulary of `next.missing`, plus `agreement`, `learner:<course>:<have>/<need>`, `due-diligence`, `programme-fee`). ' +
  'It is answered from the event store, evaluated from the same folded events as the status (with `knownAt`, those recorded by then); without `asOf` and `knownAt`, at the current time. ' +
  'An `asOf` or `knownAt` status carries evidence only with `evidence=true`, so that they stay cheap.';
const TIMES =
  'A date-only `asOf`, `to` or `knownAt` is the end of that day (23:59:59.999) in `tz` (IANA, default UTC), a date-only `from` its start; a timestamp is itself; the timeline includes both ends. ' +
  '`knownAt` (bitemporal) evaluates only the events recorded by then (a future knownAt is refused: 400); `knownAt` in the answer names it (null: all recorded events) and `position` is the last position folded.';

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
    summary: 'Current status (read model); with `asOf` and/or `knownAt` (auditor) the status at that time as known at that time, rebuilt from the event store',
    description: `${TIMES} Without \`asOf\`, \`knownAt\` is also the business time evaluated (\`evaluatedAt\`: the exact instant used). ${EVIDENCE}`,
  })
  @Answers({ 200: ['PartnerStatus', 'the status'], 400: `${BAD_PARAMETER}, or knownAt in the future`, 404: NOT_KNOWN, 503: NOT_YET })
  async status(
    @ValidPath(PartnerPath) path: PartnerPath,
    @ValidQuery(PartnerStatusQuery) query: PartnerStatusQuery,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { partnerId } = path;
    const evidence = query.evidence === 'true';
    if (query.asOf !== undefined || query.knownAt !== undefined || evidence) {
      if (!request.caller || !roleSatisfies(request.caller.role, 'auditor'))
        throw httpError(HttpStatus.FORBIDDEN, `asOf, knownAt and evidence need the auditor role; the key has ${request.caller?.role}`);
      const knownAt = this.knownAt(query);
      const asOf = query.asOf === undefined ? (knownAt ?? this.clock().getTime()) : resolveInstant(query.asOf, query.tz ?? 'UTC', 'end-of-day');
      await this.readYourWrites.waitFor(query.minPosition);
      const status = await this.history.statusAsOf(partnerId, asOf, knownAt, { evidence });
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
  @ApiOperation({
    summary: 'Every tier and badge change with when it took effect and why (events, expiries, deals leaving the window, rulesets)',
    description: `${TIMES} Without \`to\`, changes up to \`knownAt\` (or now).`,
  })
  @Answers({ 200: ['Timeline', 'the changes in time order'], 400: `${BAD_PARAMETER}, or knownAt in the future`, 404: NOT_KNOWN, 503: NOT_YET })
  async timeline(@ValidPath(PartnerPath) { partnerId }: PartnerPath, @ValidQuery(TimelineQuery) query: TimelineQuery) {
    const tz = query.tz ?? 'UTC';
    const knownAt = this.knownAt(query);
    const to = query.to === undefined ? (knownAt ?? this.clock().getTime()) : resolveInstant(query.to, tz, 'end-of-day');
    // Both ends are included; the sweep counts the changes after its `from`, so it starts 1 ms before.
    const from = query.from === undefined ? {} : { from: resolveInstant(query.from, tz, 'start-of-day') - 1 };
    await this.readYourWrites.waitFor(query.minPosition);
    const timeline = await this.history.timeline(partnerId, { to, ...from }, knownAt);
    return timeline ? { partnerId, knownAt: knownAt === undefined ? null : toIsoTime(knownAt), ...timeline } : notFound(partnerId);
  }

  /** `knownAt` as an instant (a date: the end of that day in `tz`), refused when the service cannot know it yet. */
  private knownAt(query: { knownAt?: string; tz?: string }): number | undefined {
    if (query.knownAt === undefined) return undefined;
    const knownAt = resolveInstant(query.knownAt, query.tz ?? 'UTC', 'end-of-day');
    const now = this.clock().getTime();
    if (knownAt <= now) return knownAt;
    const message = `knownAt ${toIsoTime(knownAt)} is after the service's current time ${toIsoTime(now)}: what will be recorded by then is not known yet`;
    throw httpError(HttpStatus.BAD_REQUEST, message, { details: [{ path: 'knownAt', message }] });
  }
}

/** Nothing stored for the partner, or refusals only (kept, but no fact of it was accepted). */
function notFound(partnerId: string): never {
  throw httpError(HttpStatus.NOT_FOUND, `partner ${partnerId} has no accepted events`);
}
