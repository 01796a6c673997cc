/** How to reach EventStoreDB / KurrentDB. */
export interface EsdbConfig {
  connectionString: string;
}

// @eventstore/db-client 6.x understands only these two (kurrentdb:// needs the newer client).
const SCHEMES = ['esdb://', 'esdb+discover://'];

/**
 * Reads `ESDB_CONNECTION_STRING`; `undefined` when unset or blank (the adapter is then not used).
 * Rejects a value that is not a connection string early, instead of at the first append.
 */
export function readEsdbConfig(env: Readonly<Record<string, string | undefined>>): EsdbConfig | undefined {
  const raw = env['ESDB_CONNECTION_STRING']?.trim();
  if (!raw) return undefined;
  return { connectionString: parseEsdbConnectionString(raw) };
}

/** Validates a connection string's scheme and host part; returns it trimmed. */
export function parseEsdbConnectionString(value: string): string {
  const trimmed = value.trim();
  const scheme = SCHEMES.find((s) => trimmed.toLowerCase().startsWith(s));
  if (!scheme) throw new Error(`ESDB connection string must start with one of ${SCHEMES.join(', ')}: ${trimmed}`);
  const hosts = trimmed.slice(scheme.length).split(/[/?]/, 1)[0] ?? '';
  if (hosts.replace(/^[^@]*@/, '').length === 0) throw new Error(`ESDB connection string has no host: ${trimmed}`);
  return trimmed;
}
