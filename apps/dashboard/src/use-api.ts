import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, type Query, getJson } from './api';
import { SessionContext } from './session-context';

/** One call's state, as its section shows it: loading, the answer, or a refusal or error. */
export type Loaded<T> = { state: 'loading' } | { state: 'ok'; data: T } | { state: 'error'; status: number; message: string };

/** GETs `path` with the session's key whenever path or query change; `null` skips the call. */
export function useApi<T>(path: string | null, query: Query = {}): Loaded<T> {
  const { key } = useContext(SessionContext);
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const signature = path === null ? null : JSON.stringify([path, query]);
  useEffect(() => {
    if (path === null) return undefined;
    let current = true;
    setLoaded({ state: 'loading' });
    getJson<T>(key, path, query).then(
      (data) => current && setLoaded({ state: 'ok', data }),
      (error: unknown) => current && setLoaded(failure(error)),
    );
    // A newer request replaces this one: its late answer must not overwrite the newer one.
    return () => {
      current = false;
    };
    // The signature stands for path and query: a new query object with the same content is no new call.
  }, [key, signature]);
  return loaded;
}

function failure<T>(error: unknown): Loaded<T> {
  if (error instanceof ApiError) return { state: 'error', status: error.status, message: error.message };
  return { state: 'error', status: 0, message: error instanceof Error ? error.message : String(error) };
}
