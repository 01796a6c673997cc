import { SyntaxKind, createScanner } from 'jsonc-parser';
import { childPath, problem, type Problem } from './problems';

// ── A received message: bytes → text → JSON value, judged on what was actually sent ──────────
// JSON.parse stays the parser (native, the fastest there is, and batch throughput matters), but it
// throws away what the contract must judge: a duplicate key (the last one silently wins, so a
// second `credits` or `partnerId` would change the fact), a number literal as written (1.000…001
// becomes 1 before the "2 decimals" rule sees it), the depth, and where each batch item is in the
// text (the rejection log keeps an item as received). One extra linear pass recovers them with
// jsonc-parser's scanner: a tokenizer (no AST, nothing built but a key set per object) driven by an
// explicit stack, so a body nested 10,000 deep cannot overflow the call stack. HTTP and Kafka both
// read messages through `readJsonBytes`, so both ingresses judge the same bytes the same way.

/** The message as text, its value, and what JSON.parse would have hidden, with paths. */
export type ReceivedJson =
  { ok: true; text: string; value: unknown; problems: Problem[]; items?: ReceivedItem[] } | { ok: false; text: string; problems: Problem[] };

/** One element of the batch array (`itemsOf`): its own source text and problems (paths inside it). */
export type ReceivedItem = { text: string; problems: Problem[] };

export type ReadOptions = Readonly<{ itemsOf?: string }>;

/** Deeper than any message of the contract (a batch item's data values sit at depth 5). */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes strictly (invalid UTF-8 is a problem, never U+FFFD in a stored fact), then reads. */
export function readJsonBytes(bytes: Uint8Array, options: ReadOptions = {}): ReceivedJson {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    // Kept for the operator as well as it can be shown; the reason says what was wrong.
    return { ok: false, text: Buffer.from(bytes).toString('utf8'), problems: [problem('', 'body is not valid UTF-8')] };
  }
  return readJsonText(text, options);
}

export function readJsonText(text: string, options: ReadOptions = {}): ReceivedJson {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, text, problems: [problem('', `malformed JSON: ${(error as Error).message}`)] };
  }
  const { found, spans } = scan(text, options.itemsOf);
  if (!spans) return { ok: true, text, value, problems: found.map(({ path, fragment }) => problem(path, fragment)) };
  const items = spans.map(([start, end]) => ({ text: text.slice(start, end), problems: [] as Problem[] }));
  const problems: Problem[] = [];
  const inItem = new RegExp(`^${options.itemsOf}\\.(\\d+)(?:\\.(.*))?$`);
  for (const { path, fragment } of found) {
    // A problem under `events.N…` belongs to item N, with its path made relative to the item.
    const match = inItem.exec(path);
    const item = match ? items[Number(match[1])] : undefined;
    if (item) item.problems.push(problem(match![2] ?? '', fragment));
    else problems.push(problem(path, fragment));
  }
  return { ok: true, text, value, problems, items };
}

// ── The scan ──────────────────────────────────────────────────────────────────────────────────

/** An open container; `name` is its key or index in its parent (paths are built only for problems). */
type Frame = { array: boolean; name: string; depth: number; keys: Set<string> | undefined; index: number; key: string | undefined; itemStart: number };

/** What the scan found, by path (made into problems once the batch items are known). */
type Found = { path: string; fragment: string };

type Scan = { found: Found[]; spans?: [number, number][] };

/** Runs only on text JSON.parse accepted, so the token order is known to be valid JSON. */
function scan(text: string, itemsOf: string | undefined): Scan {
  const scanner = createScanner(text, true);
  const found: Found[] = [];
  const stack: Frame[] = [];
  let spans: [number, number][] | undefined;
  let itemsFrame: Frame | undefined;
  let skipping = 0;

  /** The name, in the current container, of the value that starts now; marks a batch item's start. */
  const startValue = (): string => {
    const frame = stack.at(-1);
    if (!frame) return '';
    if (frame === itemsFrame) frame.itemStart = scanner.getTokenOffset();
    return frame.array ? String(frame.index++) : frame.key!;
  };
  /** A value has ended in the current container; a batch item's span closes here. */
  const endValue = (): void => {
    const frame = stack.at(-1);
    if (frame && frame === itemsFrame) spans!.push([frame.itemStart, scanner.getTokenOffset() + scanner.getTokenLength()]);
  };
  /** The path of `name` in the current container (only when there is a problem to report). */
  const pathOf = (name: string): string => [...stack.slice(1).map((frame) => frame.name), ...(stack.length > 0 ? [name] : [])].reduce(childPath, '');
  const report = (name: string, fragment: string) => found.push({ path: pathOf(name), fragment });

  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (skipping > 0) {
      // Inside a container past the depth limit: only its end matters.
      if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) skipping += 1;
      else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) skipping -= 1;
      if (skipping === 0) endValue();
      continue;
    }
    const frame = stack.at(-1);
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken: {
        const name = startValue();
        const depth = (frame?.depth ?? 0) + 1;
        if (depth > MAX_JSON_DEPTH) {
          report(name, `nests deeper than ${MAX_JSON_DEPTH} levels`);
          skipping = 1;
          break;
        }
        const array = kind === SyntaxKind.OpenBracketToken;
        const next: Frame = { array, name, depth, index: 0, keys: array ? undefined : new Set<string>(), key: undefined, itemStart: 0 };
        if (itemsOf !== undefined && array && depth === 2 && !frame!.array && frame!.key === itemsOf) {
          itemsFrame = next;
          spans = [];
        }
        stack.push(next);
        break;
      }
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        stack.pop();
        endValue();
        break;
      case SyntaxKind.StringLiteral:
        if (frame && !frame.array && frame.key === undefined) {
          const key = scanner.getTokenValue();
          if (frame.keys!.has(key)) report(key, 'is given more than once (duplicate key)');
          frame.keys!.add(key);
          frame.key = key;
          break;
        }
        startValue();
        endValue();
        break;
      case SyntaxKind.NumericLiteral: {
        const name = startValue();
        const literal = scanner.getTokenValue();
        if (!isExact(literal)) report(name, `is not exactly representable as a number (${shortLiteral(literal)} would be read as ${Number(literal)})`);
        endValue();
        break;
      }
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
        startValue();
        endValue();
        break;
      case SyntaxKind.CommaToken:
        if (frame && !frame.array) frame.key = undefined;
        break;
      // Separators and trivia carry no value; the body already parsed, so there is no Unknown token.
      case SyntaxKind.ColonToken:
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
      case SyntaxKind.Unknown:
        break;
    }
  }
  return { found, ...(spans ? { spans } : {}) };
}

// ── Numbers as written ────────────────────────────────────────────────────────────────────────

/**
 * Whether the double JSON.parse makes of a literal has the literal's decimal value: 1.10 and 1e2
 * do (the same number written another way), 1.000000000000000000001 and 12345678901234567890 do
 * not. The double's shortest round-trip text (`String`) is compared with the literal as written.
 */
export function isExact(literal: string): boolean {
  const value = Number(literal);
  const shortest = String(value);
  // Most literals are already the shortest text of their double (12.5, 100).
  if (shortest === literal) return true;
  return Number.isFinite(value) && canonicalDecimal(literal) === canonicalDecimal(shortest);
}

/** `-12.50e1` → `-125e0`: sign, significant digits without leading/trailing zeros, exponent. */
function canonicalDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  const significant = digits.replace(/0+$/, '');
  return `${sign}${significant}e${BigInt(exponent) - BigInt(fraction.length) + BigInt(digits.length - significant.length)}`;
}

function shortLiteral(literal: string): string {
  return literal.length <= 40 ? literal : `${literal.slice(0, 40)}… (${literal.length} characters)`;
}
