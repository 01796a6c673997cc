// ── The one definition of each identifier's form (docs/contract.md §1), for every check that needs it ─
// Ids the contract leaves open are restricted to a charset without slashes, spaces or control
// characters, so an id can never be read as a path (`../../etc/passwd`, `a/b`). The envelope's
// rules, the HTTP path parameters, the X-Request-Id kept as correlationId and the OpenAPI
// document all derive from these.

export type IdKind = Readonly<{ chars: string; described: string; maxLength: number }>;

export const MESSAGE_ID: IdKind = { chars: 'A-Za-z0-9._:-', described: 'letters, digits and . _ : -', maxLength: 128 };
export const PARTNER_ID: IdKind = { chars: 'A-Za-z0-9._-', described: 'letters, digits and . _ -', maxLength: 64 };
/** agreementId, dealId, courseId, learnerId, accelerator code. */
export const OPEN_ID: IdKind = { chars: 'A-Za-z0-9._:@#-', described: 'letters, digits and . _ : @ # -', maxLength: 128 };

/** The whole id: 1 to `maxLength` characters of the kind's charset. */
export const idPattern = (kind: IdKind, maxLength = kind.maxLength): RegExp => new RegExp(`^[${kind.chars}]{1,${maxLength}}$`);

/** A global position as text (`minPosition`): a non-negative integer of at most 19 digits, within a bigint's range. */
export const POSITION_TEXT = /^[0-9]{1,19}$/;
