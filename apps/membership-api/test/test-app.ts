import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { PartnerCommandHandler } from '@partner-program/ingestion';
import { ApiKeyRing, RenewalNoticeIssuer, RenewalScheduler, validateEnvironment } from '@partner-program/platform';
import { ReadModelQueries } from '@partner-program/read-models';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import { createApp } from '../src/bootstrap';

// ── The real app on a temporary DATA_DIR, with one key per role and a clock the test moves ────

export const KEYS = {
  admin: 'admin-key-0123456789abcdef',
  publisher: 'publisher-key-0123456789ab',
  reader: 'reader-key-0123456789abcde',
  auditor: 'auditor-key-0123456789abcd',
  notifier: 'notifier-key-0123456789abc',
} as const;

export type TestApp = Readonly<{
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataDir: string;
  clock: { now: Date };
  as: (role: keyof typeof KEYS) => { Authorization: string };
  tick: () => Promise<{ refreshed: number; issued: number }>;
  close: () => Promise<void>;
}>;

export type TestAppOptions = {
  now?: string;
  dataDir?: string;
  background?: boolean;
  kafkaBrokers?: string;
  logLevel?: string;
  logDestination?: DestinationStream;
  /** More environment variables for the validated config (e.g. RATE_LIMIT_PER_KEY). */
  env?: Record<string, string>;
  /** The dashboard files to serve at /ui (default: the build's, when built). */
  dashboardDir?: string;
};

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'pp-e2e-'));
  const clock = { now: new Date(options.now ?? '2026-11-28T09:00:00.000Z') };
  const config = validateEnvironment({
    DATA_DIR: dataDir,
    API_KEYS: Object.entries(KEYS)
      .map(([role, key]) => `${role}:${key}`)
      .join(','),
    LOG_LEVEL: options.logLevel ?? 'silent',
    SCHEDULER_INTERVAL_MS: '3600000',
    BODY_LIMIT: '1mb',
    ...(options.kafkaBrokers ? { KAFKA_BROKERS: options.kafkaBrokers } : {}),
    ...options.env,
  });
  const app = await createApp({
    config,
    keys: ApiKeyRing.parse(config.API_KEYS!),
    clock: () => clock.now,
    background: options.background ?? true,
    quiet: true,
    ...(options.logDestination ? { logDestination: options.logDestination } : {}),
    ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}),
  });
  await app.init();
  // Fastify registers its routes and plugins asynchronously: ready before supertest calls it.
  await app.getHttpAdapter().getInstance().ready();
  const ownsDir = options.dataDir === undefined;
  return {
    app,
    http: request(app.getHttpServer()),
    dataDir,
    clock,
    as: (role) => ({ Authorization: `Bearer ${KEYS[role]}` }),
    // Without background work (a second process beside the first) only notices are issued.
    tick:
      options.background === false
        ? async () => ({ refreshed: 0, issued: await new RenewalNoticeIssuer(app.get(ReadModelQueries), app.get(PartnerCommandHandler)).issueDue(clock.now) })
        : () => app.get(RenewalScheduler).tick(),
    close: async () => {
      await app.close();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** An upstream envelope with a fresh messageId. */
export function envelope(
  type: string,
  partnerId: string,
  data: Record<string, unknown>,
  occurredAt = '2026-02-01T10:00:00Z',
  messageId = `msg-${process.pid}-${++counter}`,
) {
  return { messageId, type, partnerId, occurredAt, source: 'e2e', data };
}

/** A partner in good standing from 2026-02-01 with an agreement ending `expiresOn`. */
export function goodStandingEnvelopes(partnerId: string, expiresOn = '2027-01-31') {
  return [
    envelope('AgreementSigned', partnerId, { agreementId: `A-${partnerId}`, effectiveFrom: '2026-02-01', expiresOn, businessModels: ['solution-provider'] }),
    envelope('TrainingCompleted', partnerId, { courseId: 'vsp-foundation', learnerId: 'L-1' }),
    envelope('TrainingCompleted', partnerId, { courseId: 'vsp-foundation', learnerId: 'L-2' }),
    envelope('TrainingCompleted', partnerId, { courseId: 'ethics-compliance', learnerId: 'L-1' }),
    envelope('DueDiligenceCompleted', partnerId, { outcome: 'approved' }),
  ];
}
