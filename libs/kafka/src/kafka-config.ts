// ── Kafka connection settings (docs/contract.md §3: on only when KAFKA_BROKERS is set) ──────────────────
// Read and validated with the rest of the configuration by the platform (its app-config.ts);
// this library takes them as a plain object and reads no environment.

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

/** One line for logs and startup banners: brokers, client id, TLS, SASL user; never the password. */
export function describeKafkaConfig(config: KafkaConfig): string {
  const sasl = config.sasl ? `sasl=${config.sasl.mechanism}:${config.sasl.username}` : 'sasl=off';
  return `brokers=${config.brokers.join(',')} clientId=${config.clientId} ssl=${config.ssl} ${sasl}`;
}
