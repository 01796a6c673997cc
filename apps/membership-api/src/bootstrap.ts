import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { ApiKeyRing, type AppConfig, type Clock, Metrics, RECOMMENDED_KEY_LENGTH, ShutdownCoordinator, shortKeyNames } from '@partner-program/platform';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module';
import { requireApiKeys } from './auth/api-key.hook';
import { builtDashboardDir, serveDashboard } from './dashboard/serve-dashboard';
import { RateLimits, chargeWhatRequestsCost } from './http/rate-limits';
import { fastifyOptions } from './http/fastify-options';
import { closeIdleConnectionsWhileClosing } from './http/close-keep-alive';
import { useJsonBodyParser } from './http/json-body-parser';
import { answerMethodNotAllowed } from './http/method-not-allowed';
import { openApiDocument } from './http/openapi/openapi-document';
import { recordHttpMetrics } from './observability/http-metrics';

export type CreateAppOptions = Readonly<{
  config: AppConfig;
  keys: ApiKeyRing;
  clock?: Clock;
  background?: boolean;
  quiet?: boolean;
  /** Where request logs go (default stdout). */
  logDestination?: DestinationStream;
  /** The dashboard's built files served at /ui (default: the build's dist/dashboard, when built). */
  dashboardDir?: string;
}>;

/** Builds the HTTP application (not listening yet): used by `main.ts`, the e2e tests and the benchmarks. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const module = AppModule.forRoot({
    config: options.config,
    keys: options.keys,
    background: options.background ?? true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
  });
  // Quiet (tests, benchmarks): no framework logs at all; otherwise every log goes through pino.
  const adapter = new FastifyAdapter(fastifyOptions(options.config.BODY_LIMIT));
  // Fastify's own parsers only (JSON, and text reported as "not a JSON object"): Nest would add a
  // form parser, and a form body would then fail validation with a confusing message, not 415.
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bodyParser: false,
    ...(options.quiet ? { logger: false } : { bufferLogs: true }),
  });
  if (!options.quiet) app.useLogger(app.get(Logger));
  const server = app.getHttpAdapter().getInstance();
  useJsonBodyParser(server);
  // The HTTP server's close waits for busy keep-alive connections: once shutdown has begun,
  // responses close their connection, so clients that keep posting (or retry the 503) let it close.
  const shutdown = app.get(ShutdownCoordinator);
  server.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    if (shutdown.draining) reply.header('Connection', 'close');
  });
  answerMethodNotAllowed(server);
  const limits = new RateLimits(options.config);
  requireApiKeys(server, options.keys, limits);
  chargeWhatRequestsCost(server, limits);
  closeIdleConnectionsWhileClosing(server);
  recordHttpMetrics(server, app.get(Metrics));
  serveDashboard(server, options.dashboardDir ?? builtDashboardDir());
  const document = openApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** API_KEYS, or a generated admin key printed once so a first start never runs open. */
export function keysFromConfig(config: AppConfig, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): ApiKeyRing {
  if (config.API_KEYS) {
    const short = shortKeyNames(config.API_KEYS);
    if (short.length > 0) print(`warning: API_KEYS: ${short.join(', ')} shorter than ${RECOMMENDED_KEY_LENGTH} characters, easy to guess`);
    return ApiKeyRing.parse(config.API_KEYS);
  }
  const { ring, key } = ApiKeyRing.generated();
  print('API_KEYS is not set: generated an admin key for this run (it is not stored or logged anywhere else):');
  print(`  ${key}`);
  print('Use it as "Authorization: Bearer <key>". Set API_KEYS="admin:<key>,publisher:<key>,reader:<key>,…" to choose keys and roles.');
  return ring;
}
