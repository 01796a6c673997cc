import { Controller, Get, HttpCode, HttpStatus, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { RejectionLog } from '@partner-program/ingestion';
import { REJECTION_LOG } from '@partner-program/platform';
import { PartnerProjector } from '@partner-program/read-models';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { ERROR_SCHEMA } from '../http/openapi-schemas';
import { limitParam, nonNegativeIntegerParam } from '../http/query-params';
import { ReadYourWrites } from '../http/read-your-writes';

/** Whether the projector runs in this process; with `--api-only` another process runs it. */
export const PROJECTOR_IN_PROCESS = Symbol('PROJECTOR_IN_PROCESS');

@ApiTags('admin')
@ApiBearerAuth()
@Controller('v1')
export class AdminController {
  constructor(
    @Inject(REJECTION_LOG) private readonly rejections: RejectionLog,
    private readonly projector: PartnerProjector,
    private readonly readYourWrites: ReadYourWrites,
    @Inject(PROJECTOR_IN_PROCESS) private readonly projectorInProcess: boolean,
  ) {}

  @Get('rejections')
  @RequiresRole('admin')
  @ApiOperation({ summary: 'Invalid and rejected messages with their reasons, oldest first; page with `after` = the last id seen' })
  @ApiQuery({ name: 'after', required: false }) @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'minPosition', required: false, description: 'answer once the refusals up to this position are listed (≤ 5 s, then 503)' })
  async list(@Query('after') after?: string, @Query('limit') limit?: string, @Query('minPosition') minPosition?: string) {
    const page = { after: nonNegativeIntegerParam('after', after), limit: limitParam(limit, 100, 1000) };
    // The domain's refusals are listed from the store by a projection with its own checkpoint.
    await this.readYourWrites.waitFor(minPosition, () => this.rejections.checkpoint());
    const items = this.rejections.list(page);
    return { items, nextAfter: items.at(-1)?.id ?? null };
  }

  @Post('admin/projections/rebuild')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('admin')
  @ApiOperation({ summary: 'Rebuild every read model from the event store into fresh tables, then swap them in' })
  @ApiResponse({ status: 409, description: 'the projector runs in another process (--api-only): rebuild there', schema: ERROR_SCHEMA })
  async rebuild() {
    // A rebuild swaps the table sets under the live projector: done from here while another
    // process projects, that process would keep writing to the dropped set.
    if (!this.projectorInProcess) {
      throw httpError(HttpStatus.CONFLICT, 'the projector runs in another process (--api-only): rebuild there with `npm run start:projector -- --rebuild`');
    }
    const { events, ms } = await this.projector.rebuild();
    return { rebuilt: true, events, ms, position: Number(this.projector.checkpoint()) };
  }
}
