import { DEFAULT_CATALOG } from '@partner-program/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partnerStreamId } from '@partner-program/domain';
import { SqliteEventStore } from '@partner-program/event-store';
import { PartnerCommandHandler } from '@partner-program/ingestion';

/**
 * Appends/s of `RecordFact` commands through the full command path (load → decide → append) for a
 * partner that already has `prior` events. The state cache makes a warm load read only what is
 * new, so the figure should not depend on `prior`.
 */
export async function commandCost(prior: number, commands: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'pp-cmd-'));
  const store = SqliteEventStore.open({ location: dir });
  try {
    const partnerId = `P-HISTORY-${prior}`;
    const fact = (i: number) => ({
      type: 'CreditsBooked' as const,
      data: { dealId: `D-${i}`, area: 'vmc-on-aws' as const, credits: 100 + (i % 50) },
      meta: { messageId: `${partnerId}-${i}`, occurredAt: new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString(), source: 'bench' },
    });
    for (let i = 0; i < prior; i += 1000) {
      const events = Array.from({ length: Math.min(1000, prior - i) }, (_, k) => {
        const f = fact(i + k);
        return { type: f.type, data: f.data, metadata: f.meta };
      });
      await store.append(partnerStreamId(partnerId), events, { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
    }
    const handler = new PartnerCommandHandler(store, DEFAULT_CATALOG);
    await handler.handle({ type: 'RecordFact', partnerId, fact: fact(prior) }); // warm the cache, as a running service would be
    const started = performance.now();
    for (let i = 1; i <= commands; i++) {
      const { decision } = await handler.handle({ type: 'RecordFact', partnerId, fact: fact(prior + i) });
      if (decision.kind !== 'accepted') throw new Error(`command refused: ${JSON.stringify(decision)}`);
    }
    return commands / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
