import type { FastifyInstance } from 'fastify';

// ── JSON request bodies ────────────────────────────────────────────────────────────────────────
// Fastify's own JSON parser refuses an empty body sent with `Content-Type: application/json`,
// which many clients send on body-less POSTs (acknowledge, rebuild). Here an empty body is no
// body; anything else must be JSON. `__proto__` and `constructor` keys stay plain data
// (JSON.parse makes them own properties): validation names them and the rejection log keeps them.

export function useJsonBodyParser(server: FastifyInstance): void {
  // JSON only: Fastify's text/plain parser would hand a string to validation (400 "not a JSON
  // object") where any other Content-Type gets 415.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(malformedJson(error), undefined);
    }
  });
}

/** Shaped like Fastify's own parser error, so the exception filter explains it the same way. */
function malformedJson(error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(reason), { name: 'FastifyError', statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
}
