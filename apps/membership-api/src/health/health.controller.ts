import { Controller, Get, Header, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { EventStore } from '@partner-program/event-store';
import { EVENT_STORE, Metrics, POSTGRES_POOL, ShutdownCoordinator, postgresAnswers } from '@partner-program/platform';
import type { Pool } from 'pg';
import { ReadModelQueries } from '@partner-program/read-models';
import { Public } from '../auth/roles.decorator';
import { httpError } from '../http/error-body';
import { Answers } from '../http/openapi/answers';
import { ReadinessProbes } from './readiness-probes';

@ApiTags('operations')
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly shutdown: ShutdownCoordinator,
    private readonly queries: ReadModelQueries,
    private readonly metrics: Metrics,
    private readonly probes: ReadinessProbes,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POSTGRES_POOL) private readonly postgres: Pool | undefined,
  ) {}

  @Get('health/live')
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @Answers({ 200: ['Health', 'alive'] })
  live() {
    return this.health.check([]);
  }

  @Get('health/ready')
  @Public()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: event store, read models and (when on) PostgreSQL and Kafka reachable; not shutting down' })
  @Answers({ 200: ['Health', 'ready'], 503: 'not ready (a dependency is down, or shutting down)' })
  async ready() {
    // Terminus answers 503 with its own body; it is kept as `details` of the contract's error shape,
    // and the message names what is not ready (e.g. the Kafka consumer still joining its group).
    return this.health
      .check([
        () => this.check('intake', async () => !this.shutdown.draining),
        ...(this.postgres ? [() => this.check('postgres', () => postgresAnswers(this.postgres!))] : []),
        () => this.check('eventStore', async () => (await this.store.streamRevision('health-probe')) !== undefined),
        () => this.check('readModels', async () => (await this.queries.checkpoint()) >= 0n),
        ...this.probes.extra.map((probe) => () => this.check(probe.name, probe.check)),
      ])
      .catch((error: unknown) => {
        const report = error instanceof HttpException ? (error.getResponse() as { error?: Record<string, unknown> }) : undefined;
        if (!report?.error) throw error;
        throw httpError(HttpStatus.SERVICE_UNAVAILABLE, `not ready: ${Object.keys(report.error).join(', ')}`, { details: report });
      });
  }

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } })
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  private async check(key: string, probe: () => Promise<boolean>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      return (await probe()) ? indicator.up() : indicator.down();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
