import { Controller, Get, HttpCode, HttpStatus, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerCommandHandler } from '@partner-program/ingestion';
import { CLOCK, type Clock } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { CommandRefused } from '../http/http-exception.filter';
import { Answers } from '../http/openapi/answers';
import { ValidPath, ValidQuery } from '../http/openapi/dto-params';
import { ReadYourWrites } from '../http/read-your-writes';
import { NoticePath, NoticesQuery } from '../http/request-dtos';

@ApiTags('renewal-notices')
@Controller('v1/renewal-notices')
export class RenewalNoticesController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly handler: PartnerCommandHandler,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @RequiresRole('notifier')
  @ApiOperation({ summary: 'Renewal notices by status and due date, paged by cursor' })
  @Answers({
    200: ['NoticesPage', 'a page of notices'],
    400: 'a parameter breaks its rule, or a cursor not handed out by this route',
    503: 'minPosition not reached within 5 s: retry (Retry-After)',
  })
  async list(@ValidQuery(NoticesQuery) query: NoticesQuery) {
    const { status, dueBefore, cursor } = query;
    const filter = { limit: query.limit ?? 100, ...(status ? { status } : {}), ...(dueBefore ? { dueBefore } : {}), ...(cursor ? { cursor } : {}) };
    await this.readYourWrites.waitFor(query.minPosition);
    return this.queries.renewalNotices(filter);
  }

  @Post(':noticeId/acknowledge')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('notifier')
  @ApiOperation({ summary: 'The notice was delivered; idempotent (a second call changes nothing)' })
  @Answers({
    200: ['Acknowledged', 'acknowledged, now or before'],
    400: 'noticeId breaks its rule',
    404: 'unknown notice',
    409: 'the notice is not issued yet (`code` notice-not-issued) or was cancelled (notice-cancelled)',
    422: 'rejected by the domain: `code` says why',
  })
  async acknowledge(@ValidPath(NoticePath) { noticeId }: NoticePath, @Req() request: AuthenticatedRequest) {
    // The read model only says whose notice it is; the partner's stream decides (the domain).
    const notice = await this.queries.noticeById(noticeId);
    if (!notice) throw httpError(HttpStatus.NOT_FOUND, `no renewal notice ${noticeId}`);
    const command = { type: 'AcknowledgeRenewalNotice', partnerId: notice.partnerId, noticeId, now: this.clock().toISOString() } as const;
    const { decision, positions } = await this.handler.handle(command, request.caller ? { actor: request.caller } : {});
    if (decision.kind === 'rejected') throw new CommandRefused(decision.code, decision.reason);
    return { noticeId, status: 'acknowledged', ...(positions.length > 0 ? { position: Number(positions.at(-1)) } : { alreadyAcknowledged: true }) };
  }
}
