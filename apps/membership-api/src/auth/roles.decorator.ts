import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { Role } from '@partner-program/platform';
import { ACCESS_ANSWERS, ErrorAnswers, RateLimited } from '../http/openapi/answers';

// The access rule of a route travels in its Fastify route config, so the one `onRequest` hook
// (`api-key.hook.ts`) enforces it before the body is read. Set on each handler: Fastify sees
// only the method's config, not the controller's. The same decorator documents the rule in the
// OpenAPI document: the security scheme, `x-required-role`, and the 401/403/429 answers.

/** A route's access rule: a role it needs, any valid key whatever its role, or open to anyone. */
export type Access = Role | 'any-key' | 'public';
export type AccessConfig = Readonly<{ access?: Access }>;

/** The name of the bearer API-key scheme in the OpenAPI document. */
export const API_KEY_SCHEME = 'apiKey';
export const ROLE_EXTENSION = 'x-required-role';

/** The role a route needs (admin may do everything; auditor is also a reader). */
export const RequiresRole = (role: Role) =>
  applyDecorators(
    RouteConfig({ access: role } satisfies AccessConfig),
    ApiSecurity(API_KEY_SCHEME),
    ApiExtension(ROLE_EXTENSION, role),
    ErrorAnswers(ACCESS_ANSWERS),
    RateLimited(),
  );

/** A route any valid key may call, whatever its role (`GET /v1/me`): 401 without one, never 403. */
export const RequiresAnyKey = () =>
  applyDecorators(
    RouteConfig({ access: 'any-key' } satisfies AccessConfig),
    ApiSecurity(API_KEY_SCHEME),
    ApiExtension(ROLE_EXTENSION, 'any'),
    ErrorAnswers({ 401: ACCESS_ANSWERS[401] }),
    RateLimited(),
  );

/** A route anyone may call (health, metrics). Routes without either decorator are denied. */
export const Public = () => applyDecorators(RouteConfig({ access: 'public' } satisfies AccessConfig), ApiExtension(ROLE_EXTENSION, 'none'), RateLimited());
