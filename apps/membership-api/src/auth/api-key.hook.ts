import { HttpStatus } from '@nestjs/common';
import { type ApiKeyRing, type Role, roleSatisfies } from '@partner-program/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http/error-body';
import type { RateLimits } from '../http/rate-limits';
import type { AccessConfig } from './roles.decorator';

export type Caller = Readonly<{ role: Role; name: string }>;
export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

// ── Bearer API keys with roles (docs/contract.md §2): no key → 401, wrong role → 403, denied by default ─
// Checked in `onRequest`, before Fastify reads or parses the body: a caller without the right
// key never makes the server read up to BODY_LIMIT or run the JSON parser. The rate limit is
// charged first, to the key when it is valid and to the address otherwise, so guessing keys or
// flooding unknown routes is limited too.

/** Routes Fastify plugins register outside Nest (the Swagger UI and its document, the dashboard's files): open. */
const PUBLIC_PREFIXES = ['/docs', '/ui'];

export function requireApiKeys(server: FastifyInstance, keys: ApiKeyRing, limits: RateLimits): void {
  server.addHook('onRoute', (route) => {
    if (PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix))) route.config = { ...route.config, access: 'public' };
  });
  server.addHook('onRequest', async (request: AuthenticatedRequest, reply) => {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const entry = presented === undefined ? undefined : keys.identify(presented);
    if (!(await limits.admit(request, reply, entry?.name))) return reply;
    // An unknown route answers 404 whoever asks: there is nothing to protect.
    if (request.is404) return undefined;
    const { access } = request.routeOptions.config as AccessConfig;
    if (access === 'public') return undefined;
    if (!presented) return unauthorized(reply, 'missing API key: send Authorization: Bearer <key>');
    if (!entry) return unauthorized(reply, 'unknown API key');
    if (!access || (access !== 'any-key' && !roleSatisfies(entry.role, access))) {
      return reply
        .code(HttpStatus.FORBIDDEN)
        .send(errorBody(HttpStatus.FORBIDDEN, `this route needs the ${access ?? 'admin'} role; the key has ${entry.role}`));
    }
    request.caller = { role: entry.role, name: entry.name };
    return undefined;
  });
}

function unauthorized(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(HttpStatus.UNAUTHORIZED).header('WWW-Authenticate', 'Bearer').send(errorBody(HttpStatus.UNAUTHORIZED, message));
}
