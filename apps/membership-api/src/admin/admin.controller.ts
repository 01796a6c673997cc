import { Controller, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RejectionLog } from '@partner-program/ingestion';
import { REJECTION_LOG } from '@partner-program/platform';
import { PartnerProjector } from '@partner-program/read-models';
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
  ) {}

  @Get('rejections')
  @RequiresRole('admin')
  @ApiOperation({ summary: 'Invalid and rejected messages with their reasons, oldest first; page with `after` = the last id seen' })
  @Answers({ 200: ['RejectionsPage', 'a page of kept messages'], 400: 'a parameter breaks its rule', 503: 'minPosition not reached within 5 s: retry (Retry-After)' })
  async list(@ValidQuery(RejectionsQuery) query: RejectionsQuery) {
    // The domain's refusals are listed from the store by a projection with its own checkpoint.
    await this.readYourWrites.waitFor(query.minPosition, async () => this.rejections.checkpoint());
    const items = this.rejections.list({ after: query.after ?? 0, limit: query.limit ?? 100 });
    return { items, nextAfter: items.at(-1)?.id ?? null };
  }

  @Post('admin/projections/rebuild')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('admin')
  @ApiOperation({ summary: 'Rebuild every read model from the event store into fresh tables, then swap them in' })
  @Answers({ 200: ['Rebuild', 'rebuilt and swapped in'], 409: 'the projector runs in another process (--api-only): rebuild there' })
  async rebuild() {
    // A rebuild swaps the table sets under the live projector: done from here while another
    // process projects, that process would keep writing to the dropped set.
    if (!this.projectorInProcess) {
      throw httpError(HttpStatus.CONFLICT, 'the projector runs in another process (--api-only): rebuild there with `npm run start:projector -- --rebuild`');
    }
    const { events, ms } = await this.projector.rebuild();
    return { rebuilt: true, events, ms, position: Number(await this.projector.checkpoint()) };
  }
}
