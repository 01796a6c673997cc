import { RouteConfig } from '@nestjs/platform-fastify';
import type { Role } from '@partner-program/platform';

// The access rule of a route travels in its Fastify route config, so the one `onRequest` hook
// (`api-key.hook.ts`) enforces it before the body is read. Set on each handler: Fastify sees
// only the method's config, not the controller's.

/** A route's access rule: a role it needs, or open to anyone. */
export type Access = Role | 'public';
export type AccessConfig = Readonly<{ access?: Access }>;

/** The role a route needs (admin may do everything; auditor is also a reader). */
export const RequiresRole = (role: Role) => RouteConfig({ access: role } satisfies AccessConfig);

/** A route anyone may call (health, metrics). Routes without either decorator are denied. */
export const Public = () => RouteConfig({ access: 'public' } satisfies AccessConfig);
