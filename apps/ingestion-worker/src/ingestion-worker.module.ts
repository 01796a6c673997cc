import { type DynamicModule, Module } from '@nestjs/common';
import type { KafkaConfig } from '@partner-program/kafka';
import { ApiKeyRing, type AppConfig, CoreModule, KafkaEdgeModule, logOutput } from '@partner-program/platform';
import { LoggerModule } from 'nestjs-pino';

/** The Kafka edge alone (no HTTP): upstream ingestion and the notice and status-change publishers. */
@Module({})
export class IngestionWorkerModule {
  static forRoot(config: AppConfig, kafka: KafkaConfig): DynamicModule {
    return {
      module: IngestionWorkerModule,
      imports: [
        CoreModule.forRoot({ config, keys: ApiKeyRing.parse('') }),
        LoggerModule.forRoot({ pinoHttp: [{ level: config.LOG_LEVEL }, logOutput()] }),
        KafkaEdgeModule.forRoot(kafka),
      ],
    };
  }
}
