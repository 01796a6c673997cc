export type GracefulStopOptions = Readonly<{
  /** Exit 1 when the stop has not finished by then (default 25 s, inside the usual 30 s before SIGKILL). */
  timeoutMs?: number;
  /** How often a slow stop logs what it waits for (default 5 s). */
  reportEveryMs?: number;
  /** What the stop is waiting for now (e.g. `ShutdownCoordinator.waitingFor`). */
  waitingFor?: () => string;
}>;

/**
 * First signal: stop intake, finish in-flight work, close the stores, exit 0. A second signal exits
 * at once. A stop that hangs logs what it waits for every `reportEveryMs` and exits 1 at `timeoutMs`.
 */
export function stopGracefullyOn(signals: NodeJS.Signals[], close: () => Promise<void>, options: GracefulStopOptions = {}): void {
  const { timeoutMs = 25_000, reportEveryMs = 5_000, waitingFor = () => 'close()' } = options;
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      const started = Date.now();
      const describe = () => {
        try {
          return waitingFor();
        } catch (error) {
          return `(unknown: ${(error as Error).message})`;
        }
      };
      setInterval(() => {
        process.stderr.write(`shutdown on ${signal}: still waiting after ${Math.round((Date.now() - started) / 1000)} s for ${describe()}\n`);
      }, reportEveryMs);
      setTimeout(() => {
        process.stderr.write(`shutdown on ${signal}: gave up after ${Math.round(timeoutMs / 1000)} s waiting for ${describe()}\n`);
        process.exit(1);
      }, timeoutMs);
      close().then(
        () => process.exit(0),
        (error: Error) => {
          process.stderr.write(`shutdown failed: ${error.stack}\n`);
          process.exit(1);
        },
      );
    });
  }
}
