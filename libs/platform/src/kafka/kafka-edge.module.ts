import { type DynamicModule, Module } from '@nestjs/common';
import type { KafkaConfig } from '@partner-program/kafka';
import { KAFKA_CONFIG, KafkaWorkerHost } from './kafka-worker.host';

/**
 * The Kafka edge (docs/contract.md §3): upstream ingestion plus the renewal-notice and status-change
 * publishers. Imported by the all-in-one process when KAFKA_BROKERS is set, and by the worker app.
 */
@Module({})
export class KafkaEdgeModule {
  static forRoot(kafka: KafkaConfig): DynamicModule {
    return { module: KafkaEdgeModule, providers: [{ provide: KAFKA_CONFIG, useValue: kafka }, KafkaWorkerHost], exports: [KafkaWorkerHost] };
  }
}
