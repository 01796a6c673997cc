/**
 * The one definition of an accepted connection string (the app's config check uses it too): the
 * EventStoreDB schemes and KurrentDB's names for the same format, then at least one host.
 */
export const ESDB_CONNECTION_STRING_PATTERN = /^(esdb|kurrentdb|kurrent)(\+discover)?:\/\/([^@/?]*@)?[^@/?]+([/?].*)?$/i;

/**
 * Validates a connection string and returns it in the form @eventstore/db-client 6.x parses:
 * it knows only `esdb://` and `esdb+discover://`, and `kurrentdb://` / `kurrent://` strings
 * (KurrentDB's names) differ from those in the scheme alone.
 */
export function parseEsdbConnectionString(value: string): string {
  const trimmed = value.trim();
  const match = ESDB_CONNECTION_STRING_PATTERN.exec(trimmed);
  if (!match) {
    throw new Error(
      `ESDB connection string must be esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover:// followed by a host (the string itself is not repeated: it may hold a password)`,
    );
  }
  return `esdb${match[2]?.toLowerCase() ?? ''}${trimmed.slice(match[1]!.length + (match[2]?.length ?? 0))}`;
}
