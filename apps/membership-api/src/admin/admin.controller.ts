import { Controller, Get, HttpCode, HttpStatus, Inject, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RejectionLog } from '@partner-program/ingestion';
import {
  type PostgresRebuildRequests,
  REBUILD_REQUESTS,
  REJECTION_LOG,
  RebuildFailedError,
  RebuildNotTakenError,
  ShutdownCoordinator,
  rebuildReadModels,
} from '@partner-program/platform';
import { PartnerProjector } from '@partner-program/read-models';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { Answers } from '../http/openapi/answers';
import { ValidQuery } from '../http/openapi/dto-params';
import { RejectionsQuery } from '../http/request-dtos';
import { ReadYourWrites } from '../http/read-your-writes';

/** Whether the projector runs in this process; with `--api-only` another process runs it. */
export const PROJECTOR_IN_PROCESS = Symbol('PROJECTOR_IN_PROCESS');

@ApiTags('admin')
@Controller('v1')
export class AdminController {
  constructor(
    @Inject(REJECTION_LOG) private readonly rejections: RejectionLog,
    private readonly projector: PartnerProjector,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(PROJECTOR_IN_PROCESS) private readonly projectorInProcess: boolean,
    @Inject(REBUILD_REQUESTS) private readonly requests: PostgresRebuildRequests | null,
    private readonly shutdown: ShutdownCoordinator,
  ) {}

  @Get('rejections')
  @RequiresRole('admin')
  @ApiOperation({ summary: 'Invalid and rejected messages with their reasons, oldest first; page with `after` = the last id seen' })
  @Answers({
    200: ['RejectionsPage', 'a page of kept messages'],
    400: 'a parameter breaks its rule',
    503: 'minPosition not reached within 5 s: retry (Retry-After)',
  })
  async list(@ValidQuery(RejectionsQuery) query: RejectionsQuery) {
    // The domain's refusals are listed from the store by a projection with its own checkpoint.
    await this.readYourWrites.waitFor(query.minPosition, () => this.rejections.checkpoint());
    const items = await this.rejections.list({ after: query.after ?? 0, limit: query.limit ?? 100 });
    return { items, nextAfter: items.at(-1)?.id ?? null };
  }

  @Post('admin/projections/rebuild')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('admin')
  @ApiOperation({
    summary:
      'Rebuild every read model from the event store into fresh tables, then swap them in (with DATABASE_URL: done by the leading projector, from any replica)',
  })
  @Answers({
    200: ['Rebuild', 'rebuilt and swapped in'],
    409: 'the projector runs in another process (--api-only, without DATABASE_URL): rebuild there',
    503: 'with DATABASE_URL: no projector leads yet (the request stays pending, a retry joins it), or shutting down; retry (Retry-After)',
  })
  async rebuild(@Req() request: AuthenticatedRequest) {
    if (this.requests) return { rebuilt: true, ...(await this.askTheLeader(this.requests, request)) };
    // A rebuild swaps the table sets under the live projector: done from here while another
    // process projects, that process would keep writing to the dropped set.
    if (!this.projectorInProcess) {
      throw httpError(HttpStatus.CONFLICT, 'the projector runs in another process (--api-only): rebuild there with `npm run start:projector -- --rebuild`');
    }
    return { rebuilt: true, ...(await rebuildReadModels(this.projector)) };
  }

  /** Several instances: whichever process leads the projector rebuilds (concurrent requests share one). */
  private async askTheLeader(requests: PostgresRebuildRequests, request: AuthenticatedRequest) {
    try {
      return await requests.rebuild({ role: request.caller?.role ?? 'admin', requestId: String(request.id) }, this.shutdown.signal);
    } catch (error) {
      if (error instanceof RebuildNotTakenError) throw httpError(HttpStatus.SERVICE_UNAVAILABLE, error.message, { retryAfter: 5 });
      if (this.shutdown.draining) throw httpError(HttpStatus.SERVICE_UNAVAILABLE, 'shutting down; retry', { retryAfter: 1 });
      // The leader's reason, for the operator who asked (an unexpected error stays a plain 500).
      if (error instanceof RebuildFailedError) throw httpError(HttpStatus.INTERNAL_SERVER_ERROR, error.message);
      throw error;
    }
  }
}
