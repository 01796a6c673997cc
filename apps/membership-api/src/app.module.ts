import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { readKafkaConfig } from '@partner-program/kafka';
import { BackgroundModule, type CoreOptions, CoreModule, KafkaEdgeModule } from '@partner-program/platform';
import { LoggerModule } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { KafkaReadiness } from './health/kafka-readiness';

export type AppOptions = CoreOptions & Readonly<{ background: boolean }>;

/**
 * The composition root: core services, structured logs, the HTTP API and, unless split off, the
 * projector and scheduler, plus the Kafka edge when KAFKA_BROKERS is set.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    // SASL/SSL settings live only in the environment; the broker list comes from the validated config.
    const kafka = options.background && options.config.KAFKA_BROKERS ? readKafkaConfig({ ...process.env, KAFKA_BROKERS: options.config.KAFKA_BROKERS }) : undefined;
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.config.LOG_LEVEL,
            // Keys are secrets: never logged, whatever the level.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
            genReqId: requestId,
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
          },
        }),
        ApiModule,
        ...(options.background ? [BackgroundModule] : []),
        ...(kafka ? [KafkaEdgeModule.forRoot(kafka)] : []),
      ],
      providers: kafka ? [KafkaReadiness] : [],
    };
  }
}

/** A caller's `X-Request-Id` when sane, else a new one; echoed back so clients can quote it. */
function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}
