import type { FastifyInstance } from 'fastify';

// ── Shutdown with keep-alive clients ───────────────────────────────────────────────────────────
// Closing the HTTP server waits for every open connection. Node closes the idle ones once, when
// the close begins; a connection busy at that moment whose response still said keep-alive (its
// request came before draining) then sits idle until Fastify's keep-alive timeout (72 s), far past
// the shutdown budget. So while the server closes, idle connections are closed again and again.

const EVERY_MS = 50;

export function closeIdleConnectionsWhileClosing(server: FastifyInstance): void {
  let timer: NodeJS.Timeout | undefined;
  server.addHook('preClose', async () => {
    timer = setInterval(() => server.server.closeIdleConnections(), EVERY_MS);
    timer.unref();
  });
  server.addHook('onClose', async () => clearInterval(timer));
}
