import type { EventData, StoredEvent, StoredEventMetadata } from './event-envelope';

/**
 * Turns the `data` of one schema version into the next (`from` → `from + 1`).
 * Must be pure: it runs on every read, history itself is never rewritten.
 */
export type Upcaster = (data: EventData, metadata: StoredEventMetadata) => EventData;

/** First schema version of every event type; also assumed for events stored without one. */
export const INITIAL_SCHEMA_VERSION = 1;

/**
 * Upcasters per event type, chained by schema version. Adapters stamp new events with
 * {@link UpcasterRegistry.currentVersion} and pass every event they read through
 * {@link UpcasterRegistry.upcast}, so consumers only ever see the current shape.
 */
export class UpcasterRegistry {
  private readonly chains = new Map<string, Map<number, Upcaster>>();

  /** Adds the step `fromSchemaVersion` → `fromSchemaVersion + 1` for `type`. */
  register(type: string, fromSchemaVersion: number, upcast: Upcaster): this;
  /** Adds the next step of `type`'s chain (from its current version). */
  register(type: string, upcast: Upcaster): this;
  register(type: string, versionOrUpcast: number | Upcaster, maybeUpcast?: Upcaster): this {
    const from = typeof versionOrUpcast === 'number' ? versionOrUpcast : this.currentVersion(type);
    const upcast = typeof versionOrUpcast === 'number' ? maybeUpcast : versionOrUpcast;
    if (!upcast) throw new TypeError('register: upcaster function missing');
    if (!Number.isInteger(from) || from < INITIAL_SCHEMA_VERSION) {
      throw new RangeError(`register ${type}: invalid fromSchemaVersion ${from}`);
    }
    const chain = this.chains.get(type) ?? new Map<number, Upcaster>();
    if (chain.has(from)) throw new Error(`register ${type}: upcaster from v${from} already registered`);
    chain.set(from, upcast);
    this.chains.set(type, chain);
    return this;
  }

  /** Schema version that new events of `type` are written with and read events are upcast to. */
  currentVersion(type: string): number {
    const chain = this.chains.get(type);
    if (!chain) return INITIAL_SCHEMA_VERSION;
    return Math.max(...chain.keys()) + 1;
  }

  /** Returns `event` in the current shape of its type (the same object when already current). */
  upcast(event: StoredEvent): StoredEvent {
    const target = this.currentVersion(event.type);
    let version = event.metadata.schemaVersion;
    if (version === target) return event;
    if (version > target) {
      throw new Error(`${event.type} at ${event.streamId}@${event.revision} has schema v${version}, newer than the known v${target}`);
    }
    const chain = this.chains.get(event.type);
    let data = event.data;
    let metadata = event.metadata;
    while (version < target) {
      const step = chain?.get(version);
      if (!step) throw new Error(`${event.type}: no upcaster registered from schema v${version}`);
      data = step(data, metadata);
      version += 1;
      metadata = { ...metadata, schemaVersion: version };
    }
    return { ...event, data, metadata };
  }
}
