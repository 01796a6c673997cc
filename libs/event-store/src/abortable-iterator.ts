/** An async iterator whose `return()` is always present (ends the iteration early). */
export interface ClosableAsyncIterator<T> extends AsyncIterableIterator<T> {
  return(): Promise<IteratorResult<T>>;
}

/**
 * Runs an async generator under an AbortController that fires when the caller's signal aborts
 * or when the consumer calls `return()` (a `break` in `for await`). A plain async generator's
 * `return()` waits until the generator reaches a `yield`, so a subscription parked waiting for
 * live appends could never be closed; aborting the internal signal wakes it instead.
 */
export function abortableIterator<T>(
  run: (signal: AbortSignal) => AsyncGenerator<T, void, undefined>,
  external?: AbortSignal,
): ClosableAsyncIterator<T> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort();
  if (external?.aborted) controller.abort();
  else external?.addEventListener('abort', onAbort, { once: true });
  const detach = (): void => external?.removeEventListener('abort', onAbort);
  const generator = run(controller.signal);

  return {
    async next(): Promise<IteratorResult<T>> {
      try {
        const result = await generator.next();
        if (result.done) detach();
        return result;
      } catch (error) {
        detach();
        throw error;
      }
    },
    async return(): Promise<IteratorResult<T>> {
      controller.abort();
      detach();
      await generator.return(undefined);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator](): ClosableAsyncIterator<T> {
      return this;
    },
  };
}
