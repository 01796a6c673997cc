import { NestFactory } from '@nestjs/core';
import { ShutdownCoordinator, stopGracefullyOn, validateEnvironment } from '@partner-program/platform';
import { Logger } from 'nestjs-pino';
import { ProjectorModule } from './projector.module';

async function main(): Promise<void> {
  const config = validateEnvironment(process.env);
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  process.stdout.write(`partner-program projector and scheduler running on ${config.DATA_DIR}\n`);
  const shutdown = app.get(ShutdownCoordinator);
  stopGracefullyOn(['SIGTERM', 'SIGINT'], () => app.close(), { waitingFor: () => shutdown.waitingFor() });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
