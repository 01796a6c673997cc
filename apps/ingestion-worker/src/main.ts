import { NestFactory } from '@nestjs/core';
import { closeOnStopSignals, runProcess, tolerateClosedOutput, validateEnvironment } from '@partner-program/platform';
import { Logger } from 'nestjs-pino';
import { IngestionWorkerModule } from './ingestion-worker.module';

// The ingestion worker for the scale-out topology: consumes upstream events and publishes renewal
// notices and status changes. The all-in-one `npm start` runs the same KafkaWorker itself.
async function main(): Promise<void> {
  tolerateClosedOutput();
  const config = validateEnvironment(process.env);
  const { kafka } = config;
  if (!kafka) throw new Error('KAFKA_BROKERS is not set: the ingestion worker has nothing to do without Kafka');
  const app = await NestFactory.createApplicationContext(IngestionWorkerModule.forRoot(config, kafka), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  process.stdout.write(`partner-program ingestion worker running on ${config.DATA_DIR} (brokers ${kafka.brokers.join(',')})\n`);
  closeOnStopSignals(app);
}

runProcess(main);
