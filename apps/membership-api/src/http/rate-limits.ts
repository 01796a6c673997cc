import { HttpStatus } from '@nestjs/common';
import type { AppConfig } from '@partner-program/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { errorBody } from './error-body';

// ── Rate limits: per API key, per address without one; a request counts for what it costs ────
// rate-limiter-flexible, because its `consume(key, points)` is weighted: a request costs 1 point on
// arrival, each further event of a batch 1 more once the body is read (before any is ingested),
// and a `minPosition` read 1 more per 100 ms it waited, charged when it is answered (its wait is
// known only then; the next requests pay for it). @fastify/rate-limit and @nestjs/throttler count
// requests only.

const WAIT_POINT_MS = 100;

export type RateLimited = FastifyRequest & { rateBucket?: string; waits?: boolean };

export class RateLimits {
  private readonly perKey: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(config: Pick<AppConfig, 'RATE_LIMIT_WINDOW_S' | 'RATE_LIMIT_PER_KEY' | 'RATE_LIMIT_PER_ADDRESS'>) {
    this.perKey = new RateLimiterMemory({ keyPrefix: 'key', points: config.RATE_LIMIT_PER_KEY, duration: config.RATE_LIMIT_WINDOW_S });
    this.perAddress = new RateLimiterMemory({ keyPrefix: 'address', points: config.RATE_LIMIT_PER_ADDRESS, duration: config.RATE_LIMIT_WINDOW_S });
  }

  /**
   * Charges a request on arrival to its key's bucket (`keyName`) or its address's; answers 429 with
   * `Retry-After` and returns false when the bucket is empty.
   */
  async admit(request: RateLimited, reply: FastifyReply, keyName: string | undefined): Promise<boolean> {
    request.rateBucket = keyName === undefined ? `a:${request.ip}` : `k:${keyName}`;
    request.waits = (request.query as Record<string, unknown> | undefined)?.['minPosition'] !== undefined;
    return this.charge(request, reply, 1);
  }

  /** Further points once they are known (the events of a batch beyond the first). */
  charge(request: RateLimited, reply: FastifyReply, points: number): Promise<boolean> {
    const bucket = request.rateBucket;
    if (bucket === undefined || points <= 0) return Promise.resolve(true);
    return this.limiterOf(bucket)
      .consume(bucket, points)
      .then(
        () => true,
        (refused: unknown) => {
          if (!(refused instanceof RateLimiterRes)) throw refused;
          const seconds = Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
          void reply
            .code(HttpStatus.TOO_MANY_REQUESTS)
            .header('Retry-After', String(seconds))
            .send(
              errorBody(
                HttpStatus.TOO_MANY_REQUESTS,
                `rate limit reached for this ${bucket.startsWith('k:') ? 'API key' : 'address'}; retry after ${seconds} s`,
              ),
            );
          return false;
        },
      );
  }

  /** Charges an answered `minPosition` read for the time it waited (the bucket may go below zero). */
  async chargeWait(request: RateLimited, elapsedMs: number): Promise<void> {
    const points = Math.floor(elapsedMs / WAIT_POINT_MS);
    if (!request.waits || request.rateBucket === undefined || points === 0) return;
    await this.limiterOf(request.rateBucket)
      .consume(request.rateBucket, points)
      .catch(() => undefined);
  }

  private limiterOf(bucket: string): RateLimiterMemory {
    return bucket.startsWith('k:') ? this.perKey : this.perAddress;
  }
}

/** Batch events beyond the first are charged once the body is read, waits once answered. */
export function chargeWhatRequestsCost(server: FastifyInstance, limits: RateLimits): void {
  server.addHook('preHandler', async (request: RateLimited, reply) => {
    const items = (request.body as { items?: unknown[] } | undefined)?.items;
    if (Array.isArray(items) && !(await limits.charge(request, reply, items.length - 1))) return reply;
    return undefined;
  });
  server.addHook('onResponse', (request: RateLimited, reply) => limits.chargeWait(request, reply.elapsedTime));
}
