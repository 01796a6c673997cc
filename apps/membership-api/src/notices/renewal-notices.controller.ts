import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { isIsoDate } from '@partner-program/domain';
import { PartnerCommandHandler } from '@partner-program/ingestion';
import { CLOCK, type Clock } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { ERROR_SCHEMA } from '../http/openapi-schemas';
import { limitParam } from '../http/query-params';
import { ReadYourWrites } from '../http/read-your-writes';

const STATUSES = ['pending', 'issued', 'acknowledged', 'cancelled'];

@ApiTags('renewal-notices')
@ApiBearerAuth()
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
  @ApiQuery({ name: 'status', required: false, enum: STATUSES }) @ApiQuery({ name: 'dueBefore', required: false, description: 'YYYY-MM-DD, inclusive' })
  @ApiQuery({ name: 'cursor', required: false }) @ApiQuery({ name: 'limit', required: false }) @ApiQuery({ name: 'minPosition', required: false })
  async list(@Query('status') status?: string, @Query('dueBefore') dueBefore?: string, @Query('cursor') cursor?: string, @Query('limit') limit?: string, @Query('minPosition') minPosition?: string) {
    if (status !== undefined && !STATUSES.includes(status)) throw httpError(HttpStatus.BAD_REQUEST, `status must be one of ${STATUSES.join(', ')}`);
    if (dueBefore !== undefined && !isIsoDate(dueBefore)) throw httpError(HttpStatus.BAD_REQUEST, 'dueBefore must be a YYYY-MM-DD date');
    const filter = { limit: limitParam(limit, 100, 1000), ...(status ? { status } : {}), ...(dueBefore ? { dueBefore } : {}), ...(cursor ? { cursor } : {}) };
    await this.readYourWrites.waitFor(minPosition);
    return this.queries.renewalNotices(filter as Parameters<ReadModelQueries['renewalNotices']>[0]);
  }

  @Post(':noticeId/acknowledge')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('notifier')
  @ApiOperation({ summary: 'The notice was delivered; idempotent (a second call changes nothing)' })
  @ApiResponse({ status: 200, description: 'acknowledged (now or before)' })
  @ApiResponse({ status: 404, description: 'unknown notice', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 422, description: 'the notice was cancelled', schema: ERROR_SCHEMA })
  async acknowledge(@Param('noticeId') noticeId: string, @Req() request: AuthenticatedRequest) {
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(noticeId)) throw httpError(HttpStatus.BAD_REQUEST, 'noticeId is not a notice id');
    const notice = this.queries.noticeById(noticeId);
    if (!notice) throw httpError(HttpStatus.NOT_FOUND, `no renewal notice ${noticeId}`);
    const command = { type: 'AcknowledgeRenewalNotice', partnerId: notice.partnerId, noticeId, now: this.clock().toISOString() } as const;
    const { decision, positions } = await this.handler.handle(command, request.caller ? { actor: request.caller } : {});
    if (decision.kind === 'rejected') {
      const status = decision.code === 'notice-not-found' ? HttpStatus.NOT_FOUND : HttpStatus.UNPROCESSABLE_ENTITY;
      throw httpError(status, decision.reason, { code: decision.code });
    }
    return { noticeId, status: 'acknowledged', ...(positions.length > 0 ? { position: Number(positions.at(-1)) } : { alreadyAcknowledged: true }) };
  }
}
