import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiKeyRing, type AppConfig, type Clock } from '@partner-program/platform';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';

export type CreateAppOptions = Readonly<{ config: AppConfig; keys: ApiKeyRing; clock?: Clock; background?: boolean; quiet?: boolean }>;

/** Builds the HTTP application (not listening yet): used by `main.ts`, the e2e tests and the benchmarks. */
export async function createApp(options: CreateAppOptions): Promise<INestApplication> {
  const module = AppModule.forRoot({ config: options.config, keys: options.keys, background: options.background ?? true, ...(options.clock ? { clock: options.clock } : {}) });
  // Quiet (tests, benchmarks): no framework logs at all; otherwise every log goes through pino.
  const app = await NestFactory.create<NestExpressApplication>(module, options.quiet ? { logger: false } : { bufferLogs: true });
  if (!options.quiet) app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: options.config.BODY_LIMIT });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('partner-program')
      .setDescription('Partner programme backend: ingest upstream facts, read tiers, badges, entitlements and renewal notices (CONTRACT.md §2).')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key from API_KEYS (role:key)' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}

/** API_KEYS, or a generated admin key printed once so a first start never runs open. */
export function keysFromConfig(config: AppConfig, print: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): ApiKeyRing {
  if (config.API_KEYS) return ApiKeyRing.parse(config.API_KEYS);
  const { ring, key } = ApiKeyRing.generated();
  print('API_KEYS is not set: generated an admin key for this run (it is not stored or logged anywhere else):');
  print(`  ${key}`);
  print('Use it as "Authorization: Bearer <key>". Set API_KEYS="admin:<key>,publisher:<key>,reader:<key>,…" to choose keys and roles.');
  return ring;
}
