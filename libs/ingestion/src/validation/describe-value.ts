// ── Values as they appear in problem messages ─────────────────────────────────────────────────
// Messages end up in rejection logs and HTTP answers, so offending values are shown short and
// escaped: a 10,000-character id or a control character is never echoed back verbatim.

const SHOWN_CHARS = 40;

/** The JSON kind of a value: `null`, `array`, `object`, `string`, … */
export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value for a message: strings quoted (JSON-escaped) and cut short, containers by kind. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= SHOWN_CHARS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, SHOWN_CHARS))}… (${value.length} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return typeName(value);
}

/** One character for a message; control characters as their code point (U+0000). */
export function showChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(char);
}

/** At most three values for a message, then an ellipsis. */
export function showSome(values: readonly unknown[]): string {
  const shown = values.slice(0, 3).map(show).join(', ');
  return values.length > 3 ? `${shown}, …` : shown;
}
