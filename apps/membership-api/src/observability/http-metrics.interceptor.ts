import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Metrics } from '@partner-program/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, finalize } from 'rxjs';

/** Counts requests and their latency by route template (never by raw path: ids would explode cardinality). */
@Injectable()
export class HttpMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: Metrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const route = request.routeOptions?.url ?? 'unmatched';
    const stop = this.metrics.httpSeconds.startTimer({ method: request.method, route });
    return next.handle().pipe(
      finalize(() => {
        stop();
        this.metrics.httpRequests.inc({ method: request.method, route, status: String(http.getResponse<FastifyReply>().statusCode) });
      }),
    );
  }
}
