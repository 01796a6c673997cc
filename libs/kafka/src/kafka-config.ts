// ── Kafka connection settings from the environment (CONTRACT §3: on only when KAFKA_BROKERS is set) ─

/** SASL mechanisms accepted in `KAFKA_SASL_MECHANISM`. */
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Credentials for a SASL-protected cluster. */
export type KafkaSasl = Readonly<{ mechanism: SaslMechanism; username: string; password: string }>;

/** Validated connection settings. Log it with {@link describeKafkaConfig}, which leaves out secrets. */
export type KafkaConfig = Readonly<{
  brokers: readonly string[];
  clientId: string;
  ssl: boolean;
  sasl?: KafkaSasl;
}>;

/** Thrown for unusable settings; names every broken variable, never a secret's value. */
export class KafkaConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid Kafka settings: ${problems.join('; ')}`);
    this.name = 'KafkaConfigError';
  }
}

const BROKER = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;
const CLIENT_ID = /^[A-Za-z0-9._-]{1,100}$/;
const BOOLEAN: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };

/**
 * Reads `KAFKA_BROKERS` (comma list of host:port), `KAFKA_CLIENT_ID`, `KAFKA_SSL` and
 * `KAFKA_SASL_MECHANISM`/`_USERNAME`/`_PASSWORD`. Returns `undefined` when `KAFKA_BROKERS` is
 * unset or blank: Kafka is then off entirely.
 * @throws KafkaConfigError listing every problem at once.
 */
export function readKafkaConfig(env: Readonly<Record<string, string | undefined>> = process.env): KafkaConfig | undefined {
  const brokerList = env['KAFKA_BROKERS']?.trim();
  if (!brokerList) return undefined;
  const problems: string[] = [];
  const brokers = brokerList.split(',').map((b) => b.trim());
  for (const broker of brokers) {
    const port = Number(BROKER.exec(broker)?.[2]);
    if (!(port >= 1 && port <= 65535)) problems.push(`KAFKA_BROKERS: "${broker}" is not host:port`);
  }
  const clientId = env['KAFKA_CLIENT_ID']?.trim() || 'partner-program';
  if (!CLIENT_ID.test(clientId)) problems.push('KAFKA_CLIENT_ID: 1-100 chars of [A-Za-z0-9._-]');
  const sslText = env['KAFKA_SSL']?.trim().toLowerCase() || 'false';
  const ssl = BOOLEAN[sslText];
  if (ssl === undefined) problems.push('KAFKA_SSL: must be true or false');
  const sasl = readSasl(env, problems);
  if (problems.length > 0) throw new KafkaConfigError(problems);
  return { brokers, clientId, ssl: ssl === true, ...(sasl ? { sasl } : {}) };
}

function readSasl(env: Readonly<Record<string, string | undefined>>, problems: string[]): KafkaSasl | undefined {
  const mechanism = env['KAFKA_SASL_MECHANISM']?.trim().toLowerCase() || undefined;
  const username = env['KAFKA_SASL_USERNAME'] || undefined;
  const password = env['KAFKA_SASL_PASSWORD'] || undefined;
  if (!mechanism) {
    if (username || password) problems.push('KAFKA_SASL_USERNAME/PASSWORD are set but KAFKA_SASL_MECHANISM is not');
    return undefined;
  }
  if (!isMechanism(mechanism)) {
    problems.push(`KAFKA_SASL_MECHANISM: must be one of ${SASL_MECHANISMS.join(', ')}`);
    return undefined;
  }
  if (!username) problems.push('KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM');
  if (!password) problems.push('KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM');
  return username && password ? { mechanism, username, password } : undefined;
}

function isMechanism(value: string): value is SaslMechanism {
  return (SASL_MECHANISMS as readonly string[]).includes(value);
}

/** One line for logs and startup banners: brokers, client id, TLS, SASL user; never the password. */
export function describeKafkaConfig(config: KafkaConfig): string {
  const sasl = config.sasl ? `sasl=${config.sasl.mechanism}:${config.sasl.username}` : 'sasl=off';
  return `brokers=${config.brokers.join(',')} clientId=${config.clientId} ssl=${config.ssl} ${sasl}`;
}
