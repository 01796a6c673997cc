import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { ApiKeyRing, RenewalScheduler, stopGracefullyOn, validateEnvironment } from '@partner-program/platform';
import { createApp } from '../apps/membership-api/src/bootstrap';
import { type Target, demoMessages, demoProgrammeEnd, headers, loadMessages } from './demo-programme';

// `npm run demo`: loads a generated programme (a few hundred partners over two years, with some
// bad messages) through the public API, then keeps serving it so /v1/partners, /v1/badges and
// /v1/renewal-notices show real answers. Run again on the same data directory, it sends the same
// messages (see demo-programme.ts). With PP_URL and PP_KEY it loads into a running service.

const PARTNERS = Number(process.env.DEMO_PARTNERS ?? 300);
const DATA_DIR = process.env.DATA_DIR ?? './data-demo';

async function main(): Promise<void> {
  const own = process.env.PP_URL ? undefined : await startOwnService();
  const target = own?.target ?? { url: process.env.PP_URL!, key: process.env.PP_KEY ?? '' };
  const now = new Date();
  const messages = demoMessages(PARTNERS, demoProgrammeEnd(DATA_DIR, now), now);
  const { outcomes, last } = await loadMessages(target, messages);
  const badges = (await (await fetch(`${target.url}/v1/badges?minPosition=${last}`, { headers: headers(target.key) })).json()) as { badges: unknown[] };
  // The scheduler's run at start saw none of these facts: issue the notices already due now
  // rather than an interval later (a separate service does that on its next run).
  const issued = own ? (await own.app.get(RenewalScheduler).tick()).issued : 0;
  print(
    `loaded ${messages.length} messages: ${JSON.stringify(outcomes)}; ${badges.badges.length} principal badges${own ? `; ${issued} renewal notices issued` : ''}`,
  );
  print('try:');
  for (const path of [
    '/v1/badges',
    '/v1/partners?area=data-center-virtualization&tier=advanced',
    '/v1/renewal-notices?status=issued',
    '/v1/partners/P-000007',
    '/v1/partners/P-000007/timeline',
    '/v1/rejections',
  ]) {
    print(`  curl -s '${target.url}${path}' -H 'Authorization: Bearer ${target.key}'`);
  }
  print(`  open ${target.url}/docs`);
  // Last, so it is what the terminal shows: the page asks for the key (it never travels in a URL).
  print(`dashboard: ${target.url}/ui/ (sign in with the admin key ${target.key})`);
}

async function startOwnService(): Promise<{ app: INestApplication; target: Target }> {
  const key = process.env.PP_KEY ?? randomBytes(18).toString('base64url');
  const config = validateEnvironment({ ...process.env, DATA_DIR, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', API_KEYS: `admin:${key}` });
  const app = await createApp({ config, keys: ApiKeyRing.parse(config.API_KEYS!) });
  await app.listen(config.PORT);
  stopGracefullyOn(['SIGTERM', 'SIGINT'], () => app.close());
  const url = `http://localhost:${config.PORT}`;
  print(`demo service on ${url} (data: ${config.DATA_DIR}, Ctrl-C stops it); admin key: ${key}`);
  return { app, target: { url, key } };
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`demo failed: ${error.stack}\n`);
  process.exit(1);
});
