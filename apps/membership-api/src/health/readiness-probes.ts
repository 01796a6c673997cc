import { Injectable } from '@nestjs/common';

export type ReadinessProbe = Readonly<{ name: string; check: () => Promise<boolean> }>;

/** Extra readiness checks other modules register (e.g. the Kafka connection when Kafka is on). */
@Injectable()
export class ReadinessProbes {
  readonly extra: ReadinessProbe[] = [];

  add(probe: ReadinessProbe): void {
    this.extra.push(probe);
  }
}
