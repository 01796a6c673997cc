import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MESSAGE_ID, idPattern } from '@partner-program/ingestion';
import type { Options } from 'pino-http';

// ── One log line per request (pino-http), cheap enough for every request ──────────────────────
// pino serialises a child logger's bindings when the child is made, and pino-http makes one per
// request carrying the whole request: the standard serialiser copies every header, then redaction
// clones it. That was about a tenth of a status request's CPU. The summary below is what an
// operator needs to find a request; headers are left out, so API keys never reach the logs.

/** A caller's request id is stored as the events' correlationId: it takes the messageId form. */
const CORRELATION_ID = idPattern(MESSAGE_ID);

export type LoggedRequest = IncomingMessage & { id?: unknown; originalUrl?: string };

export function requestLogging(level: string): Options<IncomingMessage, ServerResponse> {
  return {
    level,
    genReqId: requestId,
    wrapSerializers: false,
    serializers: { req: requestSummary, res: responseSummary },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
  };
}

export function requestSummary(request: LoggedRequest) {
  return {
    id: request.id,
    method: request.method,
    url: request.originalUrl ?? request.url,
    remoteAddress: request.socket?.remoteAddress,
    userAgent: request.headers['user-agent'],
  };
}

function responseSummary(response: ServerResponse) {
  return { statusCode: response.statusCode };
}

/** The caller's `X-Request-Id` when sane, else a new one; echoed back (when given the response) so clients can quote it. */
export function requestId(request: IncomingMessage, response?: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
  if (response && !response.headersSent) response.setHeader('X-Request-Id', id);
  return id;
}
