import { SonicBoom } from 'sonic-boom';

// ── Output that can never stop the process ───────────────────────────────────────────────────
// Whoever reads stdout and stderr may go (a supervisor dies, `npm start | tee` is interrupted) or
// stop reading (a pipe left full). pino's default destination writes synchronously and, on a full
// pipe (EAGAIN), sleeps and retries for ever: the event loop stops, so SIGTERM is never handled.
// And a write to process.stdout/stderr whose reader has gone (EPIPE) raises an 'error' event that
// nobody handles, which kills the process in the middle of its work. Logs are worth less than the
// service: here they are written asynchronously, bounded in memory (dropped past the bound while
// nobody reads), and given up on at the first write error.

/** Log lines kept in memory while the reader is slow; past this, new lines are dropped. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

let stdout: SonicBoom | undefined;
let broken = false;

/** The destination for the apps' pino logs: stdout, asynchronous, never blocking, never fatal (one per process). */
export function logOutput(): SonicBoom {
  if (stdout) return stdout;
  // Asynchronous writes retry a full pipe on a timer, leaving the event loop free. No flush at
  // exit: sonic-boom's flushSync sleeps and retries any failed write for ever.
  const out = new SonicBoom({ fd: 1, sync: false, maxLength: MAX_BUFFERED_BYTES });
  out.on('error', () => {
    broken = true;
    out.write = () => true;
  });
  stdout = out;
  return out;
}

/** Lets buffered log lines drain before a clean exit, for at most `withinMs`. */
export function flushLogOutput(withinMs = 1_000): Promise<void> {
  const out = stdout;
  if (!out || broken) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, withinMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    try {
      out.flush(done);
    } catch {
      done();
    }
  });
}

/** stdout and stderr writes (start-up lines, shutdown reports) are best effort: a gone reader is ignored. */
export function tolerateClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}
