import type { EventStore } from '@partner-program/event-store';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's Prometheus metrics (served at GET /metrics). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'pp_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly httpSeconds = new Histogram({
    name: 'pp_http_request_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
    registers: [this.registry],
  });
  readonly ingestOutcomes = new Counter({
    name: 'pp_ingest_outcomes_total',
    help: 'Upstream messages by transport and outcome',
    labelNames: ['transport', 'outcome'],
    registers: [this.registry],
  });
  readonly appendSeconds = new Histogram({
    name: 'pp_event_store_append_seconds',
    help: 'Event store append latency (durable)',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
    registers: [this.registry],
  });
  readonly projectionCheckpoint = new Gauge({
    name: 'pp_projection_checkpoint',
    help: 'Last global position applied to the read models',
    registers: [this.registry],
  });
  readonly leading = new Gauge({
    name: 'pp_is_leader',
    help: '1 while this process leads the duty (projector: projector, scheduler, rebuilds; kafka-publishers), else 0',
    labelNames: ['duty'],
    registers: [this.registry],
  });
  readonly projectionLag = new Gauge({
    name: 'pp_projection_lag_events',
    help: 'Events stored but not yet applied to the read models (counted up to 10,000 on stores that cannot tell their head)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'pp_' });
  }

  /** The store with its appends timed. */
  timeAppends(store: EventStore): EventStore {
    const histogram = this.appendSeconds;
    const timedAppend = async (...args: Parameters<EventStore['append']>) => {
      const stop = histogram.startTimer();
      try {
        return await store.append(...args);
      } finally {
        stop();
      }
    };
    // Methods are bound once: the store is called on every request, a bind per call is garbage.
    const bound = new Map<PropertyKey, unknown>([['append', timedAppend]]);
    return new Proxy(store, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        if (!bound.has(property)) bound.set(property, value.bind(target));
        return bound.get(property);
      },
    });
  }
}
