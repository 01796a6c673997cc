import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { KafkaWorkerHost } from '@partner-program/platform';
import { ReadinessProbes } from './readiness-probes';

/** With Kafka on, `/health/ready` also needs the broker connection (issue: readiness reports it). */
@Injectable()
export class KafkaReadiness implements OnApplicationBootstrap {
  constructor(
    private readonly probes: ReadinessProbes,
    private readonly host: KafkaWorkerHost,
  ) {}

  onApplicationBootstrap(): void {
    this.probes.add({ name: 'kafka', check: async () => this.host.worker.isConnected() });
  }
}
