import { Kafka, type SASLOptions, logLevel } from 'kafkajs';
import type { KafkaConfig, KafkaSasl } from './kafka-config';
import { type KafkaLogger, kafkajsLogCreator, silentKafkaLogger } from './kafka-logger';

/** Options of {@link createKafkaClient}. */
export type KafkaClientOptions = Readonly<{ logger?: KafkaLogger; logLevel?: logLevel }>;

/**
 * The kafkajs client for a validated config. Short connection timeouts and bounded client retries:
 * the worker and publishers have their own outer retry loops, so a lost broker surfaces within
 * about 10 s instead of hanging inside one request (and a graceful stop stays within its budget).
 */
export function createKafkaClient(config: KafkaConfig, options: KafkaClientOptions = {}): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: [...config.brokers],
    ssl: config.ssl,
    ...(config.sasl ? { sasl: toSaslOptions(config.sasl) } : {}),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 5 },
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator: kafkajsLogCreator(options.logger ?? silentKafkaLogger),
  });
}

function toSaslOptions({ mechanism, username, password }: KafkaSasl): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}
