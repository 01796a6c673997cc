import { HttpStatus } from '@nestjs/common';
import { type ApiKeyRing, type Role, roleSatisfies } from '@partner-program/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../http/error-body';
import type { AccessConfig } from './roles.decorator';

export type Caller = Readonly<{ role: Role; name: string }>;
export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

// ── Bearer API keys with roles (CONTRACT §2): no key → 401, wrong role → 403, denied by default ─
// Checked in `onRequest`, before Fastify reads or parses the body: a caller without the right
// key never makes the server read up to BODY_LIMIT or run the JSON parser.

/** Routes Fastify plugins register outside Nest (the Swagger UI and its document): open. */
const PUBLIC_PREFIXES = ['/docs'];

export function requireApiKeys(server: FastifyInstance, keys: ApiKeyRing): void {
  server.addHook('onRoute', (route) => {
    if (PUBLIC_PREFIXES.some((prefix) => route.url.startsWith(prefix))) route.config = { ...route.config, access: 'public' } as typeof route.config;
  });
  server.addHook('onRequest', async (request: AuthenticatedRequest, reply) => {
    // An unknown route answers 404 whoever asks: there is nothing to protect.
    if (request.is404) return;
    const { access } = request.routeOptions.config as AccessConfig;
    if (access === 'public') return;
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!presented) return unauthorized(reply, 'missing API key: send Authorization: Bearer <key>');
    const entry = keys.identify(presented);
    if (!entry) return unauthorized(reply, 'unknown API key');
    if (!access || !roleSatisfies(entry.role, access)) {
      return reply.code(HttpStatus.FORBIDDEN).send(errorBody(HttpStatus.FORBIDDEN, `this route needs the ${access ?? 'admin'} role; the key has ${entry.role}`));
    }
    request.caller = { role: entry.role, name: entry.name };
  });
}

function unauthorized(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(HttpStatus.UNAUTHORIZED).header('WWW-Authenticate', 'Bearer').send(errorBody(HttpStatus.UNAUTHORIZED, message));
}
