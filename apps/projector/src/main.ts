import { NestFactory } from '@nestjs/core';
import {
  type PostgresRebuildRequests,
  REBUILD_REQUESTS,
  ShutdownCoordinator,
  closeOnStopSignals,
  rebuildReadModels,
  runProcess,
  tolerateClosedOutput,
  validateEnvironment,
} from '@partner-program/platform';
import { PartnerProjector } from '@partner-program/read-models';
import { Logger } from 'nestjs-pino';
import { ProjectorModule } from './projector.module';

async function main(): Promise<void> {
  tolerateClosedOutput();
  const config = validateEnvironment(process.env);
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.init();
  process.stdout.write(`partner-program projector and scheduler running on ${config.DATA_DIR}\n`);
  const shutdown = app.get(ShutdownCoordinator);
  closeOnStopSignals(app, () => shutdown.waitingFor());
  // `--rebuild`: rebuild every read model while following the store (the scale-out topology's
  // rebuild: the API refuses one there, as it would swap tables under this process). With
  // DATABASE_URL it is asked of whichever projector leads, as the API does.
  if (process.argv.includes('--rebuild')) {
    const requests = app.get<PostgresRebuildRequests | null>(REBUILD_REQUESTS);
    const by = { role: 'operator', requestId: `start:projector --rebuild (pid ${process.pid})` };
    const { events, ms } = requests ? await requests.rebuild(by, shutdown.signal) : await rebuildReadModels(app.get(PartnerProjector));
    process.stdout.write(`rebuilt every read model from ${events} events in ${Math.round(ms)} ms; following the store\n`);
  }
}

runProcess(main);
