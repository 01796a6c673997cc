import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { BackgroundModule, type CoreOptions, CoreModule, KafkaEdgeModule, logOutput } from '@partner-program/platform';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApiModule } from './api.module';
import { KafkaReadiness } from './health/kafka-readiness';
import { requestLogging } from './observability/request-logging';

export type AppOptions = CoreOptions & Readonly<{ background: boolean; logDestination?: DestinationStream }>;

/**
 * The composition root: core services, structured logs, the HTTP API and, unless split off, the
 * projector and scheduler, plus the Kafka edge when KAFKA_BROKERS is set.
 */
@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    const kafka = options.background ? options.config.kafka : undefined;
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        LoggerModule.forRoot({
          pinoHttp: [requestLogging(options.config.LOG_LEVEL), options.logDestination ?? logOutput()],
          // nestjs-pino's default route pattern matches nothing under Fastify's middleware
          // matcher: requests went unlogged (tested in request-logs.e2e-spec.ts).
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
        }),
        ApiModule.forRoot({ projectorInProcess: options.background }),
        ...(options.background ? [BackgroundModule] : []),
        ...(kafka ? [KafkaEdgeModule.forRoot(kafka)] : []),
      ],
      providers: kafka ? [KafkaReadiness] : [],
    };
  }
}
