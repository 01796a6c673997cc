import { all } from './rule';
import { Chars, Length, Pattern } from './text-rules';

// ── The string kinds of CONTRACT §1 ────────────────────────────────────────────────────────────
// Ids the contract leaves open are restricted to a charset without slashes, spaces or control
// characters, so an id can never be read as a path (`../../etc/passwd`, `a/b`).

// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

export const MessageIdRules = (): PropertyDecorator =>
  all(Length(1, 128), Chars(/[^A-Za-z0-9._:-]/, 'letters, digits and . _ : -'));

export const PartnerIdRules = (): PropertyDecorator =>
  all(Length(1, 64), Chars(/[^A-Za-z0-9._-]/, 'letters, digits and . _ -'));

export const SourceRules = (): PropertyDecorator => all(Length(1, 64), Chars(CONTROL_CHARS, 'printable characters'));

/** agreementId, dealId, courseId, learnerId, accelerator code. */
export const OpenIdRules = (max = 128): PropertyDecorator =>
  all(Length(1, max), Chars(/[^A-Za-z0-9._:@#-]/, 'letters, digits and . _ : @ # -'));

export const CurrencyRules = (): PropertyDecorator =>
  Pattern(/^[A-Z]{3}$/, 'an ISO 4217 currency code of three upper-case letters');
