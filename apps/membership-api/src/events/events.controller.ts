import { Body, Controller, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type IngestResult, IngestionService, type Problem, type ReceivedItem, type ReceivedJson, schemaRef, validateDto } from '@partner-program/ingestion';
import { Metrics, ShutdownCoordinator } from '@partner-program/platform';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.hook';
import { RequiresRole } from '../auth/roles.decorator';
import { errorBody, httpError } from '../http/error-body';
import { Answers } from '../http/openapi/answers';
import { EventBatchDto } from './event-batch.dto';
const SINGLE_STATUS = { appended: HttpStatus.CREATED, duplicate: HttpStatus.OK, invalid: HttpStatus.BAD_REQUEST, rejected: HttpStatus.UNPROCESSABLE_ENTITY };

/** Ingestion over HTTP (docs/contract.md §2 `POST /v1/events`): the same path as Kafka. */
@ApiTags('events')
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
  @ApiBody({ schema: { oneOf: [schemaRef('UpstreamEnvelope'), schemaRef('EventBatch')] } })
  @Answers({
    201: ['IngestResult', 'one envelope: appended'],
    200: [
      ['IngestResult', 'BatchResult'],
      'one envelope: a duplicate of one stored before (IngestResult); a batch: one result per message, in order (BatchResult)',
    ],
    400: 'invalid: each broken rule in `details` (malformed JSON, a bad batch shape, or an envelope breaking a rule); kept at /v1/rejections',
    413: 'body larger than BODY_LIMIT',
    415: 'a Content-Type other than application/json',
    422: 'one envelope, rejected by the domain: `code` says why',
    503: 'shutting down: retry (Retry-After)',
  })
  async publish(@Body() received: ReceivedJson | undefined, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: FastifyReply) {
    if (this.shutdown.draining) throw httpError(HttpStatus.SERVICE_UNAVAILABLE, 'shutting down; retry', { retryAfter: 1 });
    const requestId = String(request.id);
    const context = { ...(request.caller ? { actor: request.caller } : {}), correlationId: requestId };
    const origin = { transport: 'http' as const, requestId };
    const shape = batchShape(received);
    if (shape.kind === 'batch') {
      const inputs = shape.items.map((item, i) => ({ body: shape.events[i], payload: item.text, problems: item.problems, origin, context }));
      const results = await this.shutdown.track(this.ingestion.ingestBatch(inputs));
      results.forEach((result) => this.count(result));
      response.status(HttpStatus.OK);
      return { results };
    }
    // One envelope, or a body that is neither an envelope nor a batch: one invalid message, kept.
    const input = { body: shape.kind === 'single' ? shape.body : undefined, payload: received?.text ?? '', problems: shape.problems, origin, context };
    const result = await this.shutdown.track(this.ingestion.ingest(input));
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

type BodyShape =
  | { kind: 'batch'; events: unknown[]; items: ReceivedItem[] }
  | { kind: 'single'; body: unknown; problems: Problem[] }
  | { kind: 'refused'; problems: Problem[] };

/** A body with `events` is a batch (EventBatchDto: `{ "events": [ … ] }`, 1–500 of them); anything else one message. */
function batchShape(received: ReceivedJson | undefined): BodyShape {
  if (received === undefined) return { kind: 'single', body: undefined, problems: [] };
  if (!received.ok) return { kind: 'refused', problems: received.problems };
  const body = received.value;
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('events' in body)) return { kind: 'single', body, problems: received.problems };
  const refused = (...problems: Problem[]): BodyShape => ({ kind: 'refused', problems: [...received.problems, ...problems] });
  const shapeProblems = validateDto(EventBatchDto, body);
  if (shapeProblems.length > 0 || received.problems.length > 0) return refused(...shapeProblems);
  return { kind: 'batch', events: (body as EventBatchDto).events, items: received.items! };
}
