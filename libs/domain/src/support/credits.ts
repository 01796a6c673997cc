// ── Exact credit arithmetic ────────────────────────────────────────────────────────────────────
// Credits arrive with at most two decimals and multipliers like 1.1; adding floats drifts
// (0.1 + 0.2). Effective credits are therefore kept as integer hundredths, and the multiplication
// by an accelerator is done on the multiplier's exact decimal digits with BigInt.

/** Credits with ≤ 2 decimals as integer hundredths (exact below ~9e13 credits). */
export function toHundredths(credits: number): number {
  return Math.round(credits * 100);
}

export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

/** `hundredths × multiplier`, rounded half up to a whole hundredth, computed without float error. */
export function applyMultiplier(hundredths: number, multiplier = 1): number {
  const [digits, scale] = decimalDigits(multiplier);
  const product = BigInt(hundredths) * digits;
  const divisor = 10n ** BigInt(scale);
  return Number((product * 2n + divisor) / (divisor * 2n));
}

/** The decimal digits and scale of a number's shortest round-trip text: 1.25 → [125n, 2]. */
function decimalDigits(value: number): [bigint, number] {
  const text = String(value);
  if (/e/i.test(text)) throw new RangeError(`multiplier out of range: ${text}`);
  const [whole = '0', fraction = ''] = text.split('.');
  return [BigInt(whole + fraction), fraction.length];
}
