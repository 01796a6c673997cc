import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { RejectionCode } from '@partner-program/domain';
import { InvalidQueryError } from '@partner-program/read-models';
import type { FastifyReply } from 'fastify';
import { errorBody } from './error-body';
import { explainFastifyError } from './fastify-errors';

/** A command the domain refused: answered with its code, at the status that code maps to below. */
export class CommandRefused extends Error {
  override readonly name = 'CommandRefused';
  constructor(
    readonly code: RejectionCode,
    reason: string,
  ) {
    super(reason);
  }
}

/** A notice known but not in a state to acknowledge is a conflict with its state, not a bad request; other refusals are 422. */
const REFUSAL_STATUS: Partial<Record<RejectionCode, HttpStatus>> = {
  'notice-not-found': HttpStatus.NOT_FOUND,
  'notice-not-issued': HttpStatus.CONFLICT,
  'notice-cancelled': HttpStatus.CONFLICT,
};

/**
 * Every error Nest sees leaves in the contract's shape (body-parser errors: `fastify-errors.ts`).
 * The one place where errors of the layers below become HTTP statuses: a read model's invalid
 * query parameter (a cursor it cannot decode, …) is the caller's 400, not a 500, and a domain
 * refusal gets the status of its code.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.describe(exception);
    if (typeof body.retryAfter === 'number') void reply.header('Retry-After', String(body.retryAfter));
    if (status >= HttpStatus.INTERNAL_SERVER_ERROR && status !== HttpStatus.SERVICE_UNAVAILABLE)
      this.logger.error((exception as Error)?.stack ?? String(exception));
    void reply.status(status).send(body);
  }

  private describe(exception: unknown): { status: HttpStatus; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status: HttpStatus = exception.getStatus();
      const parser = explainFastifyError(exception.cause);
      if (parser) return this.plain(status, parser);
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'statusCode' in response) return { status, body: response };
      return this.plain(status, typeof response === 'string' ? response : messageOf(response, exception.message));
    }
    if (exception instanceof InvalidQueryError) return this.plain(HttpStatus.BAD_REQUEST, exception.message);
    if (exception instanceof CommandRefused) {
      const status = REFUSAL_STATUS[exception.code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
      return { status, body: errorBody(status, exception.message, { code: exception.code }) };
    }
    return this.plain(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }

  private plain(status: HttpStatus, message: string) {
    return { status, body: errorBody(status, message) };
  }
}

/** Nest's own exceptions carry `message` as a string, or a list of them (its ValidationPipe). */
function messageOf(response: object, fallback: string): string {
  const { message } = response as { message?: unknown };
  if (typeof message === 'string') return message;
  return Array.isArray(message) ? message.join(',') : fallback;
}
