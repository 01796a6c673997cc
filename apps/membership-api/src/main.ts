import { ShutdownCoordinator, closeOnStopSignals, runProcess, tolerateClosedOutput, validateEnvironment } from '@partner-program/platform';
import { createApp, keysFromConfig } from './bootstrap';

// `node main.js` runs the API with the projector and scheduler (all in one);
// `node main.js --api-only` runs the API alone, for the scale-out topology.
async function main(): Promise<void> {
  tolerateClosedOutput();
  const config = validateEnvironment(process.env);
  const keys = keysFromConfig(config);
  const app = await createApp({ config, keys, background: !process.argv.includes('--api-only') });
  await app.listen(config.PORT);
  process.stdout.write(`partner-program listening on http://localhost:${config.PORT} (docs: /docs, data: ${config.DATA_DIR})\n`);
  const shutdown = app.get(ShutdownCoordinator);
  closeOnStopSignals(app, () => shutdown.waitingFor());
}

runProcess(main);
