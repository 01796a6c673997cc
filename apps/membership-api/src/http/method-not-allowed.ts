import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './error-body';

// ── 405 Method Not Allowed, with Allow, for a known path asked with another method ────────────
// Fastify answers 404 (or, for a method it expects a body with, 400 about the Content-Type) when
// a path exists but not for that method; RFC 9110 §15.5.6 asks for 405 and the methods it has.

type KnownPath = { pattern: RegExp; methods: Set<string> };

/** `/v1/partners/:partnerId/history` → a regex of the concrete paths it serves. */
function pathPattern(url: string): RegExp {
  const escaped = url.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return new RegExp(`^${escaped.join('/')}/?$`);
}

export function answerMethodNotAllowed(server: FastifyInstance): void {
  const paths = new Map<string, KnownPath>();
  server.addHook('onRoute', (route) => {
    const known = paths.get(route.url) ?? { pattern: pathPattern(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) known.methods.add(method);
    paths.set(route.url, known);
  });
  server.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0] ?? '';
    const known = [...paths.values()].find((entry) => !entry.methods.has(request.method) && entry.pattern.test(path));
    if (!known) return;
    const allow = [...known.methods].sort().join(', ');
    return reply
      .code(HttpStatus.METHOD_NOT_ALLOWED)
      .header('Allow', allow)
      .send(errorBody(HttpStatus.METHOD_NOT_ALLOWED, `${request.method} is not allowed on ${path}; allowed: ${allow}`));
  });
}
