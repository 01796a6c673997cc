import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Envelope, programme } from './programme-generator';

// ── What `npm run demo` loads, the same on every run over one data directory ──────────────────
// The generated programme ends the day before the first run. That date is kept in the data
// directory, so a second run sends the very same messages and gets the contract's answer to a
// redelivery (duplicate, or the original refusal), not message-id-reused for every message
// whose timestamps moved with the clock. Idempotent rather than wiping the directory: the demo
// never deletes data, and a second run shows what the service does with a replayed feed.

const ANCHOR_FILE = 'demo-programme.json';
const DAY_MS = 86_400_000;

/** The end of the demo programme for this data directory: read, or fixed now and written. */
export function demoProgrammeEnd(dataDir: string, now: Date): Date {
  const file = join(dataDir, ANCHOR_FILE);
  if (existsSync(file)) return new Date((JSON.parse(readFileSync(file, 'utf8')) as { end: string }).end);
  const end = new Date(now.getTime() - DAY_MS);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ end: end.toISOString() })}\n`);
  return end;
}

/** The programme's messages, then each kind of bad input once (what an operator finds at /v1/rejections). */
export function demoMessages(partners: number, end: Date, now: Date): unknown[] {
  return [...programme({ partners, dealsPerPartner: 12, end }), ...badMessages(end, now)];
}

function badMessages(end: Date, now: Date): unknown[] {
  const base = { type: 'CreditsBooked', partnerId: 'P-000001', occurredAt: new Date(end.getTime() - 3_600_000).toISOString(), source: 'crm' };
  return [
    { ...base, messageId: 'demo-bad-area', data: { dealId: 'X-1', area: 'quantum-computing', credits: 10 } },
    { ...base, messageId: 'demo-bad-credits', data: { dealId: 'X-2', area: 'vmc-on-aws', credits: 10.001 } },
    // Invalid on every run: a day ahead of the clock, not of the programme.
    { ...base, messageId: 'demo-future', occurredAt: new Date(now.getTime() + DAY_MS).toISOString(), data: { dealId: 'X-3', area: 'vmc-on-aws', credits: 10 } },
    { ...base, messageId: 'demo-unknown-deal', type: 'CreditsReversed', data: { dealId: 'never-booked' } },
    { ...base, messageId: 'P-000001-1', data: { dealId: 'X-4', area: 'vmc-on-aws', credits: 5 } } satisfies Envelope,
    { messageId: 'demo-not-an-envelope', hello: 'world' },
  ];
}

export type Target = Readonly<{ url: string; key: string }>;
type Result = { outcome: string; code?: string; position?: number };

/** Posts the messages in batches of 200; counts outcomes (`rejected:<code>` for refusals) and returns the last position. */
export async function loadMessages(target: Target, messages: readonly unknown[]): Promise<{ outcomes: Record<string, number>; last: number }> {
  const outcomes: Record<string, number> = {};
  let last = 0;
  for (let i = 0; i < messages.length; i += 200) {
    const response = await fetch(`${target.url}/v1/events`, {
      method: 'POST',
      headers: headers(target.key),
      body: JSON.stringify({ events: messages.slice(i, i + 200) }),
    });
    if (!response.ok) throw new Error(`POST /v1/events: ${response.status} ${await response.text()}`);
    for (const result of ((await response.json()) as { results: Result[] }).results) {
      const key = result.outcome === 'rejected' ? `rejected:${result.code}` : result.outcome;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      last = Math.max(last, result.position ?? 0);
    }
  }
  return { outcomes, last };
}

export function headers(key: string) {
  return { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
}
