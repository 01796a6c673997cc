import { SetMetadata } from '@nestjs/common';
import type { Role } from '@partner-program/platform';

export const ROLE_KEY = 'partner-program:role';
export const PUBLIC_KEY = 'partner-program:public';

/** The role a route needs (admin may do everything; auditor is also a reader). */
export const RequiresRole = (role: Role) => SetMetadata(ROLE_KEY, role);

/** A route anyone may call (health, metrics, docs). Routes without either decorator are denied. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
