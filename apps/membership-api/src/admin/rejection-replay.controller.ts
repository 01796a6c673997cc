import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toMillis } from '@partner-program/domain';
import {
  PayloadTruncatedError,
  type ReceivedJson,
  RejectionNotFoundError,
  RejectionReplayer,
  type ReplayCaller,
  dtoSchema,
  validateDto,
} from '@partner-program/ingestion';
import { ShutdownCoordinator } from '@partner-program/platform';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { Answers } from '../http/openapi/answers';
import { ValidPath } from '../http/openapi/dto-params';
import { RejectionPath } from '../http/request-dtos';
import { BulkReplayDto } from './bulk-replay.dto';

// ── Replaying kept messages after a fix (an admin's correction; the outcome is recorded on the
// rejection, with who asked: the key's role and name, the request id; never the key) ──────────

@ApiTags('admin')
@Controller('v1/rejections')
export class RejectionReplayController {
  constructor(
    private readonly replayer: RejectionReplayer,
    private readonly shutdown: ShutdownCoordinator,
  ) {}

  @Post(':id/replay')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('admin')
  @ApiOperation({
    summary:
      'Run a kept message through ingestion again (today’s validation, the decider on today’s state) and record the outcome on the rejection; once its message is stored, the recorded answer',
  })
  @Answers({
    200: ['ReplayResult', 'the outcome, recorded on the rejection (or the one recorded when its message was stored)'],
    400: 'the id is not a positive integer',
    404: 'no rejection with this id',
    409: 'the log kept only the start of the message (cut at 64 KiB): it cannot be replayed',
    503: 'shutting down: retry (Retry-After)',
  })
  async replay(@ValidPath(RejectionPath) { id }: RejectionPath, @Req() request: AuthenticatedRequest) {
    this.refuseWhileDraining();
    try {
      return await this.shutdown.track(this.replayer.replay(id, callerOf(request)));
    } catch (error) {
      if (error instanceof RejectionNotFoundError) throw httpError(HttpStatus.NOT_FOUND, error.message);
      if (error instanceof PayloadTruncatedError) throw httpError(HttpStatus.CONFLICT, error.message);
      throw error;
    }
  }

  @Post('replay')
  @HttpCode(HttpStatus.OK)
  @RequiresRole('admin')
  @ApiOperation({
    summary:
      'Replay the kept messages matching a filter, in id order (at most `limit`, ≤ 500); entries whose message a replay stored are not selected again; `dryRun` lists them only',
  })
  @ApiBody({ schema: dtoSchema(BulkReplayDto) })
  @Answers({
    200: ['BulkReplay', 'one result per selected entry, in id order; `nextAfter` continues'],
    400: 'the body is not a filter object, or a field breaks its rule (in `details`)',
    503: 'shutting down: retry (Retry-After)',
  })
  async replayMatching(@Body() received: ReceivedJson | undefined, @Req() request: AuthenticatedRequest) {
    this.refuseWhileDraining();
    const body = bulkReplayOf(received);
    const filter = {
      ...(body.code !== undefined ? { code: body.code } : {}),
      ...(body.type !== undefined ? { type: body.type } : {}),
      ...(body.outcome !== undefined ? { outcome: body.outcome } : {}),
      ...(body.receivedFrom !== undefined ? { receivedFrom: isoTime(body.receivedFrom) } : {}),
      ...(body.receivedTo !== undefined ? { receivedTo: isoTime(body.receivedTo) } : {}),
    };
    const bulk = {
      filter,
      limit: body.limit ?? 100,
      ...(body.source !== undefined ? { source: body.source } : {}),
      ...(body.after !== undefined ? { after: body.after } : {}),
      ...(body.dryRun !== undefined ? { dryRun: body.dryRun } : {}),
    };
    return this.shutdown.track(this.replayer.replayMatching(bulk, callerOf(request)));
  }

  private refuseWhileDraining(): void {
    if (this.shutdown.draining) throw httpError(HttpStatus.SERVICE_UNAVAILABLE, 'shutting down; retry', { retryAfter: 1 });
  }
}

/** The caller as the audit trail keeps it: the key's role and its name in API_KEYS (`admin-2`). */
function callerOf(request: AuthenticatedRequest): ReplayCaller {
  const { role, name } = request.caller ?? { role: 'admin', name: undefined };
  return { by: { role, ...(name ? { keyId: name } : {}) }, requestId: String(request.id) };
}

/** The filter body, read with the ingestion's JSON rules (no key twice, numbers as written). */
function bulkReplayOf(received: ReceivedJson | undefined): BulkReplayDto {
  const fail = (problems: readonly { path: string; message: string }[]) =>
    httpError(HttpStatus.BAD_REQUEST, problems.map((p) => p.message).join('; '), { details: problems });
  if (received === undefined) throw fail([{ path: '', message: 'a filter body is required (`{}` selects every entry, 100 at most)' }]);
  if (!received.ok) throw fail(received.problems);
  const value = received.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail([{ path: '', message: 'the body must be a JSON object' }]);
  const problems = [...received.problems, ...validateDto(BulkReplayDto, value as Record<string, unknown>)];
  if (problems.length > 0) throw fail(problems);
  return value;
}

/** A date or timestamp as the log's `receivedAt` is written (ISO-8601 UTC), so it compares as time. */
function isoTime(value: string): string {
  return new Date(toMillis(value)).toISOString();
}
