import { Body, Controller, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type IngestResult, IngestionService } from '@partner-program/ingestion';
import { Metrics, ShutdownCoordinator } from '@partner-program/platform';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { errorBody, httpError } from '../http/error-body';
import { BATCH_SCHEMA, ENVELOPE_SCHEMA, ERROR_SCHEMA, INGEST_RESULT_SCHEMA } from '../http/openapi-schemas';

const MAX_BATCH = 500;
const SINGLE_STATUS = { appended: HttpStatus.CREATED, duplicate: HttpStatus.OK, invalid: HttpStatus.BAD_REQUEST, rejected: HttpStatus.UNPROCESSABLE_ENTITY };

/** Ingestion over HTTP (CONTRACT §2 `POST /v1/events`): the same path as Kafka. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly shutdown: ShutdownCoordinator,
    private readonly metrics: Metrics,
  ) {}

  @Post()
  @RequiresRole('publisher')
  @ApiOperation({ summary: 'Publish one upstream event, or a batch of up to 500' })
  @ApiBody({ schema: { oneOf: [ENVELOPE_SCHEMA, BATCH_SCHEMA] } })
  @ApiResponse({ status: 201, description: 'appended', schema: INGEST_RESULT_SCHEMA })
  @ApiResponse({ status: 200, description: 'duplicate (single), or one result per message (batch)', schema: INGEST_RESULT_SCHEMA })
  @ApiResponse({ status: 400, description: 'invalid: each broken rule in `details`', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 413, description: 'body larger than BODY_LIMIT', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 422, description: 'rejected by the domain, with `code`', schema: ERROR_SCHEMA })
  @ApiResponse({ status: 503, description: 'shutting down; retry', schema: ERROR_SCHEMA })
  async publish(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: FastifyReply) {
    if (this.shutdown.draining) throw httpError(HttpStatus.SERVICE_UNAVAILABLE, 'shutting down; retry', { retryAfter: 1 });
    const requestId = String(request.id);
    const context = { ...(request.caller ? { actor: request.caller } : {}), correlationId: requestId };
    const origin = { transport: 'http' as const, requestId };
    if (isBatch(body)) {
      const results = await this.shutdown.track(this.ingestion.ingestBatch(body.events.map((event) => ({ body: event, origin, context: context }))));
      results.forEach((result) => this.count(result));
      response.status(HttpStatus.OK);
      return { results };
    }
    const result = await this.shutdown.track(this.ingestion.ingest({ body, origin, context: context }));
    this.count(result);
    response.status(SINGLE_STATUS[result.outcome]);
    if (result.outcome === 'invalid' || result.outcome === 'rejected') {
      const message = result.outcome === 'invalid' ? `invalid message: ${result.reason}` : `rejected: ${result.reason}`;
      return errorBody(SINGLE_STATUS[result.outcome], message, { ...result, details: result.problems ?? [{ code: result.code }] });
    }
    return result;
  }

  private count(result: IngestResult): void {
    this.metrics.ingestOutcomes.inc({ transport: 'http', outcome: result.outcome });
  }
}

function isBatch(body: unknown): body is { events: unknown[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('events' in body)) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1) throw httpError(HttpStatus.BAD_REQUEST, 'a batch is { "events": [ … ] } with no other field', { details: keys.filter((k) => k !== 'events').map((k) => ({ path: k, message: 'unknown field' })) });
  const { events } = body as { events: unknown };
  if (!Array.isArray(events)) throw httpError(HttpStatus.BAD_REQUEST, 'events must be an array of envelopes');
  if (events.length === 0) throw httpError(HttpStatus.BAD_REQUEST, 'a batch needs at least one event');
  if (events.length > MAX_BATCH) throw httpError(HttpStatus.BAD_REQUEST, `a batch holds at most ${MAX_BATCH} events; got ${events.length}`);
  return true;
}
