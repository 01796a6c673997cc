/** First signal: stop intake, finish in-flight work, close the stores, exit 0. A second signal exits at once. */
export function stopGracefullyOn(signals: NodeJS.Signals[], close: () => Promise<void>): void {
  let stopping = false;
  for (const signal of signals) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
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
