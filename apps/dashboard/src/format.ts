import type { Tier } from '@partner-program/domain';
import type { Prevention, TimelineCause } from './api-types';

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  return numbers.format(value);
}

/** `2026-11-28T09:00:00.000Z` → `2026-11-28 09:00 UTC`; a date stays a date. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return iso.length <= 10 ? iso : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function tierName(tier: Tier | null): string {
  return tier ?? 'no tier';
}

/** The forecast's prevention(s) in words. */
export function preventionText(prevention: Prevention | Prevention[] | null): string {
  if (!prevention) return '—';
  return [prevention]
    .flat()
    .map((step) => step.text)
    .join('; ');
}

/** Causes of a tier change in words: each kind with its string details (`expired competency:hci`, `deal-left-window D-7`). */
export function causesText(causes: readonly TimelineCause[]): string {
  return causes
    .map(({ kind, ...details }) => [kind, ...Object.values(details).filter((value): value is string => typeof value === 'string')].join(' '))
    .join('; ');
}

/** `credits:60000/1000000` (from `next.missing`) → the credits held and needed. */
export function creditsProgress(missing: string[]): { held: number; needed: number } | undefined {
  for (const item of missing) {
    const match = /^credits:([\d.]+)\/([\d.]+)$/.exec(item);
    if (match) return { held: Number(match[1]), needed: Number(match[2]) };
  }
  return undefined;
}

/** Today (UTC) as YYYY-MM-DD, moved by `days`. */
export function isoDay(days = 0, from: Date = new Date()): string {
  return new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
