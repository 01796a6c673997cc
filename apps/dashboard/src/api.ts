import type { Role } from './roles';

// ── Calls to the API of the same origin, with the signed-in key ────────────────────────────────

/** An answer other than 2xx: its status and the API's message (`{ statusCode, error, message }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export function apiPath(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export async function getJson<T>(key: string, path: string, query: Query = {}): Promise<T> {
  const response = await fetch(apiPath(path, query), { headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw new ApiError(response.status, errorMessage(body) ?? `${response.status} ${response.statusText}`);
  return body as T;
}

function errorMessage(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string' ? body.message : undefined;
}

/** The role of a key (GET /v1/me): the sign-in check. */
export async function roleOf(key: string): Promise<Role> {
  return (await getJson<{ role: Role }>(key, '/v1/me')).role;
}
