import { HttpException, type HttpStatus } from '@nestjs/common';

/** docs/contract.md §2 error shape: `{ statusCode, error, message, details? }`, plus any extra fields. */
export function errorBody(status: HttpStatus, message: string, extra: Record<string, unknown> = {}) {
  return { statusCode: status, error: reasonPhrase(status), message, ...extra };
}

export function httpError(status: HttpStatus, message: string, extra: Record<string, unknown> = {}): HttpException {
  return new HttpException(errorBody(status, message, extra), status);
}

function reasonPhrase(status: number): string {
  const phrases: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    503: 'Service Unavailable',
  };
  return phrases[status] ?? 'Error';
}
