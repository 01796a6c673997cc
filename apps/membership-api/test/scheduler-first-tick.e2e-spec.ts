import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goodStandingEnvelopes, startTestApp } from './test-app';

// The scheduler runs once at start: a notice already due when the service starts is issued by
// that first run, even when the read models are still behind the store (here: a first process
// without background work stored the facts, so the second starts with empty read models), not
// an interval later (an hour in these tests).

describe('the renewal scheduler at start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-first-tick-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('issues the notices due at start in its first run, after the read models catch up', async () => {
    const writer = await startTestApp({ dataDir, background: false, now: '2026-12-20T09:00:00.000Z' });
    // Ends 2027-01-31: the notice was due on 2026-12-02, before this start.
    await writer.http
      .post('/v1/events')
      .set(writer.as('publisher'))
      .send({ events: goodStandingEnvelopes('P-FIRST') })
      .expect(200);
    await writer.close();

    const service = await startTestApp({ dataDir, now: '2026-12-20T09:00:00.000Z' });
    try {
      const deadline = Date.now() + 10_000;
      let notices: { status: string }[] = [];
      while (Date.now() < deadline) {
        notices = (await service.http.get('/v1/renewal-notices').set(service.as('notifier')).expect(200)).body.items;
        if (notices.some((notice) => notice.status === 'issued')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(notices).toEqual([expect.objectContaining({ partnerId: 'P-FIRST', status: 'issued', dueOn: '2026-12-02' })]);
    } finally {
      await service.close();
    }
  }, 30_000);
});
