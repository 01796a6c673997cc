import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { errorBody } from './error-body';

type ParserError = { type?: string; status?: number; message?: string };

/** Every error leaves in the contract's shape; body-parser failures get a clear, specific message. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    if (typeof body.retryAfter === 'number') response.setHeader('Retry-After', String(body.retryAfter));
    if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) this.logger.error((exception as Error)?.stack ?? String(exception));
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    const parser = (exception as { cause?: ParserError })?.cause ?? (exception as ParserError);
    if (parser?.type === 'entity.too.large') return this.plain(HttpStatus.PAYLOAD_TOO_LARGE, 'request body is larger than the configured limit (BODY_LIMIT)');
    if (parser?.type === 'entity.parse.failed') return this.plain(HttpStatus.BAD_REQUEST, `malformed JSON body: ${parser.message}`);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'statusCode' in response) return { status, body: response as Record<string, unknown> };
      if (status === HttpStatus.PAYLOAD_TOO_LARGE) return this.plain(status, 'request body is larger than the configured limit (BODY_LIMIT)');
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return this.plain(status, message);
    }
    return this.plain(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error');
  }

  private plain(status: number, message: string) {
    return { status, body: errorBody(status, message) };
  }
}
