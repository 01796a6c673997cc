import type { Metrics } from '@partner-program/platform';
import type { FastifyInstance } from 'fastify';

// ── Requests counted once answered, with the status the client got ────────────────────────────
// Recorded when Fastify has sent the response: a Nest interceptor saw the status before the
// exception filter set it (a 404 was counted as 200) and never saw requests refused before a
// route (malformed JSON, unknown paths). Labelled by route template, never by raw path: ids
// would explode cardinality.

export function recordHttpMetrics(server: FastifyInstance, metrics: Metrics): void {
  server.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
}
