// What each role may read, as the API decides it (roleSatisfies in libs/platform): admin may do
// everything and an auditor what a reader may. Only used to hide what the key would be refused;
// the API still checks every call.

export type Role = 'publisher' | 'reader' | 'auditor' | 'notifier' | 'admin';

export function may(held: Role, needed: Role): boolean {
  return held === needed || held === 'admin' || (held === 'auditor' && needed === 'reader');
}
