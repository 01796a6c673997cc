import { flushLogOutput } from '../observability/log-output';
import { stopGracefullyOn } from './graceful-stop';

// ── What every process of the project does around its own start (the API, projector, worker) ─

/** SIGTERM and SIGINT close the Nest application, then give buffered log lines a moment to drain. */
export function closeOnStopSignals(app: { close(): Promise<void> }, waitingFor?: () => string): void {
  const close = async () => {
    await app.close();
    // A moment, never more: no waiting for a reader of the logs that has gone.
    await flushLogOutput();
  };
  stopGracefullyOn(['SIGTERM', 'SIGINT'], close, waitingFor ? { waitingFor } : {});
}

/** Runs a process's start: one that fails prints its message (a configuration error names the variable, not a stack) and exits 1. */
export function runProcess(main: () => Promise<void>): void {
  main().catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
