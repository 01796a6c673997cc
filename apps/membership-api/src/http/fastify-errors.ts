import type { FastifyError } from 'fastify';

// ── Errors Fastify raises before a request reaches a route (body size and type), explained ──────
// Nest hands them to the exception filter as an HttpException whose cause is the Fastify error.

const MESSAGES: Readonly<Record<string, (error: FastifyError) => string>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: () => 'request body is larger than the configured limit (BODY_LIMIT)',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (error) => `unsupported Content-Type: send application/json (${error.message})`,
};

/** A clear message for a Fastify body-parsing error, or undefined for any other error. */
export function explainFastifyError(error: unknown): string | undefined {
  const code = (error as Partial<FastifyError> | undefined)?.code;
  const explain = typeof code === 'string' ? MESSAGES[code] : undefined;
  return explain?.(error as FastifyError);
}
