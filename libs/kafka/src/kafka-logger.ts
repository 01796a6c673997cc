import { type LogEntry, logLevel } from 'kafkajs';

// ── A logger port small enough for pino, console or a test spy ───────────────────────────────

/** Where the Kafka classes report. `fields` are structured details (never secrets). */
export interface KafkaLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Drops everything: the default, so a library never writes to stdout on its own. */
export const silentKafkaLogger: KafkaLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Routes kafkajs's own log lines (WARN and above by default) to a {@link KafkaLogger}. */
export function kafkajsLogCreator(logger: KafkaLogger) {
  return () =>
    ({ namespace, level, log }: LogEntry): void => {
      const { message, ...fields } = log;
      // Expected: the publishers bound the producer's retries and retry outside it with stable
      // ids (at least once), so a lost broker cannot hang a send or a shutdown forever.
      if (message.startsWith('Limiting retries for the idempotent producer')) return;
      const text = `kafkajs ${namespace}: ${message}`;
      if (level === logLevel.ERROR) logger.error(text, fields);
      else if (level === logLevel.WARN) logger.warn(text, fields);
      else logger.info(text, fields);
    };
}
