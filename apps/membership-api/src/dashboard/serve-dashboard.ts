import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { errorBody } from '../http/error-body';

// ── The dashboard at /ui: the static files `npm run build` bundles from apps/dashboard ──────────
// Served by the API itself (no second server). The page loads without a key (api-key.hook.ts
// keeps /ui public); every data call it makes sends the key the person signed in with.

/**
 * Where the bundle is: dist/dashboard beside the compiled API (dist/apps/membership-api/src/…),
 * or, when the API runs from its sources (`npm run demo`, the e2e tests), the checkout's dist/dashboard.
 */
export function builtDashboardDir(): string | undefined {
  return [resolve(__dirname, '../../../../dashboard'), resolve(__dirname, '../../../../dist/dashboard')].find(isBuilt);
}

function isBuilt(dir: string): boolean {
  return existsSync(resolve(dir, 'index.html'));
}

/**
 * Scripts, styles and data only from this origin, nothing inline, no framing: the bundle needs no
 * more. Charts draw on canvas and style elements through the CSSOM, which style-src does not govern.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function serveDashboard(server: FastifyInstance, dir: string | undefined): void {
  if (!dir || !isBuilt(dir)) {
    // A checkout that was not built: say so rather than a bare 404.
    server.get('/ui', (_request, reply) =>
      reply.code(HttpStatus.NOT_FOUND).send(errorBody(HttpStatus.NOT_FOUND, 'the dashboard is not built: run npm run build')),
    );
    return;
  }
  // `/ui` → `/ui/`, so the page's relative URLs (app.js, app.css) resolve under /ui/.
  server.get('/ui', (_request, reply) => reply.redirect('/ui/', HttpStatus.MOVED_PERMANENTLY));
  void server.register(fastifyStatic, {
    root: dir,
    prefix: '/ui/',
    decorateReply: false,
    setHeaders: (reply) => {
      reply.header('Content-Security-Policy', DASHBOARD_CSP);
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'no-referrer');
      // A new build changes the files under the same names: revalidate (ETag) instead of caching blindly.
      reply.header('Cache-Control', 'no-cache');
    },
  });
}
