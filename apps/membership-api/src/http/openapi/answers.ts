import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { schemaRef } from '@partner-program/ingestion';
import type { ResponseSchemaName } from './response-schemas';

// ── Every status code a route can answer, with its body (components.schemas) ──────────────────

/** A success: its body schema (one of several, when one code has several bodies) and what it means. */
export type Success = readonly [schema: ResponseSchemaName | readonly ResponseSchemaName[], description: string];

/** The codes of a route: successes with their body, errors (ErrorBody) with what they mean. */
export type AnswerMap = Readonly<Partial<Record<200 | 201, Success>> & Partial<Record<400 | 404 | 409 | 413 | 415 | 422 | 503, string>>>;

/** Answers the access rule adds to every protected route (roles.decorator.ts). */
export const ACCESS_ANSWERS = {
  401: 'no or unknown API key (with WWW-Authenticate: Bearer)',
  403: 'the key lacks the role',
} as const;

/** Every route is rate limited (rate-limits.ts): per API key, or per address without a valid one. */
export function RateLimited(): MethodDecorator {
  return ApiResponse({
    status: 429,
    description: 'the rate limit of the key (or of the address, without a valid key) is spent: retry after Retry-After seconds',
    schema: schemaRef('ErrorBody'),
    headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer', minimum: 1 } } },
  });
}

export function Answers(answers: AnswerMap): MethodDecorator {
  const decorators = Object.entries(answers).map(([code, answer]) => {
    const status = Number(code);
    if (Array.isArray(answer)) {
      const [schema, description] = answer as Success;
      const body = typeof schema === 'string' ? schemaRef(schema) : { oneOf: schema.map((name) => schemaRef(name)) };
      return ApiResponse({ status, description, schema: body });
    }
    return ApiResponse({ status, description: answer as string, schema: schemaRef('ErrorBody') });
  });
  return applyDecorators(...decorators);
}

/** Error answers given by name (used for the access rule's 401 and 403). */
export function ErrorAnswers(answers: Readonly<Record<number, string>>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(answers).map(([code, description]) => ApiResponse({ status: Number(code), description, schema: schemaRef('ErrorBody') })),
  );
}
