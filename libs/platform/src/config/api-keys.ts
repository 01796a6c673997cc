import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// ── API keys and roles (docs/contract.md §2) ──────────────────────────────────────────────────────────

export const ROLES = ['publisher', 'reader', 'auditor', 'notifier', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Which roles a route accepts beyond `admin` (everything) and `auditor` (⊇ reader). */
export function roleSatisfies(held: Role, required: Role): boolean {
  return held === required || held === 'admin' || (held === 'auditor' && required === 'reader');
}

/**
 * The roles of each key listed under more than one role (the key itself is never named): such a
 * key would silently act as whichever role comes first.
 */
export function rolesOfRepeatedKeys(spec: string): Role[][] {
  const rolesByKey = new Map<string, Role[]>();
  for (const { role, key } of entriesOf(spec)) rolesByKey.set(key, [...(rolesByKey.get(key) ?? []), role]);
  return [...rolesByKey.values()].filter((roles) => roles.length > 1);
}

/** Keys shorter than this are easy to guess: the start warns about them (by name, never the key). */
export const RECOMMENDED_KEY_LENGTH = 16;

/** The names (`reader-2`, as in {@link ApiKeyRing}) of the keys shorter than {@link RECOMMENDED_KEY_LENGTH}. */
export function shortKeyNames(spec: string): string[] {
  return entriesOf(spec)
    .filter(({ key }) => key.length < RECOMMENDED_KEY_LENGTH)
    .map(({ name }) => name);
}

/** Each `role:key` of API_KEYS with its name: the role and its place in the list (`admin-2`). */
function entriesOf(spec: string): { role: Role; key: string; name: string }[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, index) => {
      const [role, key = ''] = part.split(':') as [Role, string];
      return { role, key, name: `${role}-${index + 1}` };
    });
}

export type ApiKeyEntry = Readonly<{ role: Role; digest: Buffer; name: string }>;

/** Keys are kept only as SHA-256 digests, and compared in constant time. */
export class ApiKeyRing {
  private constructor(private readonly entries: readonly ApiKeyEntry[]) {}

  static parse(spec: string): ApiKeyRing {
    return new ApiKeyRing(entriesOf(spec).map(({ role, key, name }) => ({ role, digest: digest(key), name })));
  }

  /** A ring with one random admin key, for a first start without API_KEYS. */
  static generated(): { ring: ApiKeyRing; key: string } {
    const key = randomBytes(24).toString('base64url');
    return { ring: ApiKeyRing.parse(`admin:${key}`), key };
  }

  /** The entry whose key matches; every entry is compared, so timing does not reveal which. */
  identify(presented: string): ApiKeyEntry | undefined {
    const candidate = digest(presented);
    let found: ApiKeyEntry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, candidate) && !found) found = entry;
    }
    return found;
  }
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
