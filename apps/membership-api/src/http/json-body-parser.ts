import { readJsonBytes } from '@partner-program/ingestion';
import type { FastifyInstance } from 'fastify';

// ── JSON request bodies ────────────────────────────────────────────────────────────────────────
// The body arrives as bytes and is read by the ingestion's own reader (`readJsonBytes`, the same
// one Kafka uses): strict UTF-8, JSON.parse, and one pass for what JSON.parse hides (duplicate
// keys, numbers as written, depth, each batch item's text). The route gets that reading, not a bare
// value, so a body that is not JSON is still an invalid message kept in the rejection log with its
// reason (only callers with the route's role get here: the key is checked before the body is read).
// An empty body is no body: many clients send `Content-Type: application/json` on body-less POSTs
// (acknowledge, rebuild). `__proto__` and `constructor` keys stay plain data (JSON.parse makes
// them own properties): validation names them and the rejection log keeps them.

export function useJsonBodyParser(server: FastifyInstance): void {
  // JSON only: Fastify's text/plain parser would hand a string to validation (400 "not a JSON
  // object") where any other Content-Type gets 415.
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    const bytes = body as Buffer;
    done(null, isBlank(bytes) ? undefined : readJsonBytes(bytes, { itemsOf: 'events' }));
  });
}

/** Whitespace only (stops at the first other byte: a JSON body starts with `{` at once). */
function isBlank(bytes: Buffer): boolean {
  for (const byte of bytes) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return false;
  return true;
}
