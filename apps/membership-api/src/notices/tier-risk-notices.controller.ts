import { Controller, Get, HttpCode, HttpStatus, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerCommandHandler } from '@partner-program/ingestion';
import { CLOCK, type Clock } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { CommandRefused } from '../http/http-exception.filter';
import { Answers } from '../http/openapi/answers';
import { ValidPath, ValidQuery } from '../http/openapi/dto-params';
import { ReadYourWrites } from '../http/read-your-writes';
import { NoticePath, NoticesQuery } from '../http/request-dtos';
import { ACKNOWLEDGE_ANSWERS, acknowledge, listAnswers, noticeFilter } from './notice-routes';

@ApiTags('tier-risk-notices')
@Controller('v1/tier-risk-notices')
export class TierRiskNoticesController {
  constructor(
    private readonly queries: ReadModelQueries,
    private readonly handler: PartnerCommandHandler,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @RequiresRole('notifier')
  @ApiOperation({ summary: 'Tier-at-risk notices (one per cause of a forecast drop) by status and due date, paged by cursor' })
  @Answers(listAnswers('TierRiskNoticesPage'))
  async list(@ValidQuery(NoticesQuery) query: NoticesQuery) {
    await this.readYourWrites.waitFor(query.minPosition);
    return this.queries.tierRiskNotices(noticeFilter(query));
  }

  @Post(':noticeId/acknowledge')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('notifier')
  @ApiOperation({ summary: 'The notice was delivered; idempotent (a second call changes nothing)' })
  @Answers(ACKNOWLEDGE_ANSWERS)
  async acknowledge(@ValidPath(NoticePath) { noticeId }: NoticePath, @Req() request: AuthenticatedRequest) {
    // The read model only says whose notice it is and whether it is issued; the partner's stream decides.
    const notice = await this.queries.tierRiskNoticeById(noticeId);
    if (!notice) throw new CommandRefused('notice-not-found', `no tier-at-risk notice ${noticeId}`);
    if (notice.status === 'pending') throw new CommandRefused('notice-not-issued', `notice ${noticeId} is not issued yet: it is due on ${notice.dueOn}`);
    const command = { type: 'AcknowledgeTierRiskNotice', partnerId: notice.partnerId, noticeId, now: this.clock().toISOString() } as const;
    return acknowledge(this.handler, command, request);
  }
}
