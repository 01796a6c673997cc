import { randomBytes } from 'node:crypto';
import { ApiKeyRing, stopGracefullyOn, validateEnvironment } from '@partner-program/platform';
import { createApp } from '../apps/membership-api/src/bootstrap';
import { type Envelope, programme } from './programme-generator';

// `npm run demo`: loads a generated programme (a few hundred partners over two years, with some
// bad messages) through the public API, then keeps serving it so /v1/partners, /v1/badges and
// /v1/renewal-notices show real answers. With PP_URL and PP_KEY it loads into a running service.

const PARTNERS = Number(process.env.DEMO_PARTNERS ?? 300);

async function main(): Promise<void> {
  const target = process.env.PP_URL ? { url: process.env.PP_URL, key: process.env.PP_KEY ?? '' } : await startOwnService();
  const messages = [...programme({ partners: PARTNERS, dealsPerPartner: 12, end: new Date(Date.now() - 86_400_000) }), ...badMessages()];
  const outcomes: Record<string, number> = {};
  let last = 0;
  for (let i = 0; i < messages.length; i += 200) {
    const response = await fetch(`${target.url}/v1/events`, { method: 'POST', headers: headers(target.key), body: JSON.stringify({ events: messages.slice(i, i + 200) }) });
    if (!response.ok) throw new Error(`POST /v1/events: ${response.status} ${await response.text()}`);
    for (const result of ((await response.json()) as { results: { outcome: string; position?: number }[] }).results) {
      outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      last = Math.max(last, result.position ?? 0);
    }
  }
  const badges = (await (await fetch(`${target.url}/v1/badges?minPosition=${last}`, { headers: headers(target.key) })).json()) as { badges: unknown[] };
  print(`loaded ${messages.length} messages: ${JSON.stringify(outcomes)}; ${badges.badges.length} principal badges`);
  print('try:');
  for (const path of ['/v1/badges', '/v1/partners?area=data-center-virtualization&tier=advanced', '/v1/renewal-notices?status=pending', '/v1/partners/P-000007', '/v1/partners/P-000007/timeline', '/v1/rejections']) {
    print(`  curl -s '${target.url}${path}' -H 'Authorization: Bearer ${target.key}'`);
  }
  print(`  open ${target.url}/docs`);
}

async function startOwnService(): Promise<{ url: string; key: string }> {
  const key = process.env.PP_KEY ?? randomBytes(18).toString('base64url');
  const config = validateEnvironment({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? './data-demo', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', API_KEYS: `admin:${key}` });
  const app = await createApp({ config, keys: ApiKeyRing.parse(config.API_KEYS!) });
  await app.listen(config.PORT);
  stopGracefullyOn(['SIGTERM', 'SIGINT'], () => app.close());
  print(`demo service on http://localhost:${config.PORT} (data: ${config.DATA_DIR}, Ctrl-C stops it); admin key: ${key}`);
  return { url: `http://localhost:${config.PORT}`, key };
}

/** What an operator will find at /v1/rejections: each kind of bad input once. */
function badMessages(): unknown[] {
  const base = { type: 'CreditsBooked', partnerId: 'P-000001', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), source: 'crm' };
  return [
    { ...base, messageId: 'demo-bad-area', data: { dealId: 'X-1', area: 'quantum-computing', credits: 10 } },
    { ...base, messageId: 'demo-bad-credits', data: { dealId: 'X-2', area: 'vmc-on-aws', credits: 10.001 } },
    { ...base, messageId: 'demo-future', occurredAt: new Date(Date.now() + 86_400_000).toISOString(), data: { dealId: 'X-3', area: 'vmc-on-aws', credits: 10 } },
    { ...base, messageId: 'demo-unknown-deal', type: 'CreditsReversed', data: { dealId: 'never-booked' } },
    { ...base, messageId: 'P-000001-1', data: { dealId: 'X-4', area: 'vmc-on-aws', credits: 5 } } satisfies Envelope,
    { messageId: 'demo-not-an-envelope', hello: 'world' },
  ];
}

function headers(key: string) {
  return { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`demo failed: ${error.stack}\n`);
  process.exit(1);
});
