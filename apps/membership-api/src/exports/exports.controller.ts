import { Readable } from 'node:stream';
import { Controller, Get, Headers, HttpStatus, Inject, Logger, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { resolveInstant, toIsoTime } from '@partner-program/domain';
import { type AppConfig, CLOCK, type Clock, ShutdownCoordinator } from '@partner-program/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequiresRole } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { Answers } from '../http/openapi/answers';
import { ValidQuery } from '../http/openapi/dto-params';
import { PartnerStatusExportQuery } from '../http/request-dtos';
import { CONTENT_TYPES, chosenFormat, encoded } from './export-formats';
import { PartnerStatusExporter } from './partner-status-export';

const FORMATS = `NDJSON (\`application/x-ndjson\`): one partner per line, the status JSON of \`GET /v1/partners/{id}?asOf\` with \`knownAt\` and \`position\` (the partner's last event the row reflects).
CSV (\`text/csv\`): a header line, then one record per partner with the columns partnerId, evaluatedAt, knownAt, position, ruleset, programme, goodStanding, unmetRequirements, agreementId, agreementStatus, effectiveFrom, expiresOn, businessModels, \`<area>.tier\`, \`<area>.credits\`, \`<area>.badge\` for each solution area, dealRegistration, coSelling, mscIncentives (lists joined by \`;\`; RFC 4180 quoting; a cell starting with = + - @ is prefixed with ').
Partners in id order. Headers: \`X-Log-Position\` (the log position the whole export reflects: events after it are left out, however long it runs), \`X-As-Of\`, \`X-Known-At\` (absent without knownAt), \`X-Partners\` (partner streams at that position). A failure after the headers ends the body with one last line: NDJSON \`{"error":{"message","rows"}}\`, CSV a record \`#error,<message>\`. A body without it is complete. A process runs at most EXPORTS_AT_ONCE exports at once: one more is 429 with Retry-After.`;

/** Seconds a caller refused for want of a free export slot is told to wait. */
const BUSY_RETRY_S = 10;

@ApiTags('exports')
@Controller('v1/exports')
export class ExportsController {
  private readonly logger = new Logger('Export');
  private running = 0;
  private readonly atOnce: number;

  constructor(
    private readonly exporter: PartnerStatusExporter,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly shutdown: ShutdownCoordinator,
    config: ConfigService<AppConfig, true>,
  ) {
    this.atOnce = config.get('EXPORTS_AT_ONCE', { infer: true });
  }

  @Get('partner-status')
  @RequiresRole('auditor')
  @ApiOperation({ summary: "Every partner's status at `asOf` as known at `knownAt`, from one snapshot of the log, streamed", description: FORMATS })
  @Answers({ 400: 'a parameter breaks its rule (named in the message and `details`)', 503: 'shutting down: retry (Retry-After)' })
  @ApiResponse({
    status: 200,
    description: 'the export, streamed (both formats in the description)',
    content: {
      'application/x-ndjson': { schema: { type: 'string', description: 'one JSON object per line: PartnerStatus with knownAt (null without knownAt)' } },
      'text/csv': { schema: { type: 'string', description: 'a header line, then one record per partner' } },
    },
  })
  async partnerStatus(
    @ValidQuery(PartnerStatusExportQuery) query: PartnerStatusExportQuery,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (this.shutdown.draining) throw httpError(HttpStatus.SERVICE_UNAVAILABLE, 'shutting down; retry', { retryAfter: 1 });
    if (this.running >= this.atOnce)
      throw httpError(HttpStatus.TOO_MANY_REQUESTS, `${this.atOnce} exports are running, the most this process runs at once; retry later`, {
        retryAfter: BUSY_RETRY_S,
      });
    this.running += 1;
    // Released when the response ends for any reason: completed, failed or the client gone. A
    // shutdown stops the export too (the server's close would wait for it), with a last line saying so.
    const clientGone = new AbortController();
    reply.raw.once('close', () => {
      this.running -= 1;
      clientGone.abort();
    });
    const asOf = query.asOf === undefined ? this.clock().getTime() : resolveInstant(query.asOf, query.tz ?? 'UTC', 'end-of-day');
    const knownAt = query.knownAt === undefined ? undefined : resolveInstant(query.knownAt, query.tz ?? 'UTC', 'end-of-day');
    const format = chosenFormat(query.format, accept);
    const snapshot = await this.exporter.start({ asOf, knownAt, signal: AbortSignal.any([clientGone.signal, this.shutdown.signal]) });
    const describe = (error: unknown, rows: number) => {
      if (this.shutdown.draining) return `the service is shutting down: the export stopped after ${rows} rows and is incomplete; retry`;
      // Nobody reads this line: the response is already closed.
      if (clientGone.signal.aborted) return 'the client went away';
      this.logger.error(`export ${String(request.id)} failed after ${rows} rows: ${(error as Error)?.stack ?? String(error)}`);
      return `internal error after ${rows} rows; the export is incomplete (request ${String(request.id)})`;
    };
    void reply
      .type(CONTENT_TYPES[format])
      .header('X-Log-Position', snapshot.position.toString())
      .header('X-As-Of', toIsoTime(asOf))
      .header('X-Partners', String(snapshot.partners));
    if (knownAt !== undefined) void reply.header('X-Known-At', toIsoTime(knownAt));
    return reply.send(Readable.from(encoded(format, snapshot.rows, describe)));
  }
}
