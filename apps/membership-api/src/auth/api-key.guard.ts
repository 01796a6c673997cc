import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_KEY_RING, type ApiKeyRing, type Role, roleSatisfies } from '@partner-program/platform';
import type { FastifyRequest } from 'fastify';
import { PUBLIC_KEY, ROLE_KEY } from './roles.decorator';

export type Caller = Readonly<{ role: Role; name: string }>;
export type AuthenticatedRequest = FastifyRequest & { caller?: Caller };

/** Bearer API keys with roles (CONTRACT §2): no key → 401, wrong role → 403, denied by default. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEY_RING) private readonly keys: ApiKeyRing,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!presented) throw new UnauthorizedException('missing API key: send Authorization: Bearer <key>');
    const entry = this.keys.identify(presented);
    if (!entry) throw new UnauthorizedException('unknown API key');
    const required = this.reflector.getAllAndOverride<Role>(ROLE_KEY, targets);
    if (!required || !roleSatisfies(entry.role, required)) {
      throw new ForbiddenException(`this route needs the ${required ?? 'admin'} role; the key has ${entry.role}`);
    }
    request.caller = { role: entry.role, name: entry.name };
    return true;
  }
}
