import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type TestApp, envelope, goodStandingEnvelopes, startTestApp } from './test-app';

// Issue 14.5's tamper test: events written through the service, the SQLite file then edited
// behind its back (a field changed, a row deleted, two revisions swapped), the history downloaded
// page by page as an auditor would, and `npm run audit:verify` run on it as a separate process.

const ROOT = join(__dirname, '..', '..', '..');

describe('tamper evidence: audit:verify on a downloaded history', () => {
  let t: TestApp;
  const partners = { clean: 'P-TAMPER-CLEAN', edit: 'P-TAMPER-EDIT', drop: 'P-TAMPER-DROP', swap: 'P-TAMPER-SWAP' };

  beforeAll(async () => {
    t = await startTestApp();
    const events = Object.values(partners).flatMap((id) => [
      ...goodStandingEnvelopes(id),
      envelope('SolutionCompetencyEarned', id, { competency: 'vmc-on-aws' }),
    ]);
    const { body } = await t.http.post('/v1/events').set(t.as('publisher')).send({ events }).expect(200);
    expect(body.results.every((r: { outcome: string }) => r.outcome === 'appended')).toBe(true);
  });
  afterAll(() => t.close());

  /** The SQLite file as an intruder with file access would change it. */
  function tamper(sql: string): void {
    const db = new Database(join(t.dataDir, 'event-store.sqlite'));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  /** Every page of the partner's history (two events a page), one page a line, as `curl >> FILE` would append them. */
  async function download(partnerId: string): Promise<{ file: string; items: Array<{ revision: number; messageId: string; hash: string }> }> {
    const pages: string[] = [];
    const items = [];
    for (let from: number | null = 0; from !== null;) {
      const response = await t.http.get(`/v1/partners/${partnerId}/history?from=${from}&limit=2`).set(t.as('auditor')).expect(200);
      const page = response.body as { items: Array<{ revision: number; messageId: string; hash: string }>; nextFrom: number | null };
      pages.push(response.text);
      items.push(...page.items);
      from = page.nextFrom;
    }
    const file = join(t.dataDir, `${partnerId}.ndjson`);
    writeFileSync(file, `${pages.join('\n')}\n`);
    return { file, items };
  }

  function auditVerify(...args: string[]): { status: number | null; out: string } {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/audit-verify.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
    return { status: run.status, out: `${run.stdout}${run.stderr}`.trim() };
  }

  it('verifies an untouched history and its head as GET /chain-head reports it', async () => {
    const { file, items } = await download(partners.clean);
    const { body: head } = await t.http.get(`/v1/partners/${partners.clean}/chain-head`).set(t.as('auditor')).expect(200);
    expect(head).toEqual({ partnerId: partners.clean, revision: 5, position: expect.any(Number), hash: items[5]!.hash });
    expect(auditVerify(file, '--head', head.hash)).toEqual({ status: 0, out: `verified 6 events, head ${head.hash}` });
    expect(auditVerify(file, '--head', '0'.repeat(64))).toEqual({
      status: 1,
      out: `NOT verified: the chain ends at ${head.hash} (revision 5), not at the head ${'0'.repeat(64)}`,
    });
  });

  it('names an event whose data field was changed in the file', async () => {
    const { items } = await download(partners.edit);
    tamper(`UPDATE events SET data = json_set(data, '$.learnerId', 'L-FORGED') WHERE stream_id = 'partner-${partners.edit}' AND revision = 2`);
    const { file } = await download(partners.edit);
    expect(auditVerify(file)).toEqual({
      status: 1,
      out: `NOT verified: partner-${partners.edit}: revision 2 (messageId ${items[2]!.messageId}) does not match its hash: its content was edited (type, data or metadata), or its revision or the event before it changed`,
    });
  });

  it('names the event missing after a row was deleted', async () => {
    const { items } = await download(partners.drop);
    tamper(`DELETE FROM events WHERE stream_id = 'partner-${partners.drop}' AND revision = 3`);
    const { file } = await download(partners.drop);
    expect(auditVerify(file)).toEqual({
      status: 1,
      out: `NOT verified: partner-${partners.drop}: revision 3 is missing (dropped): revision 2 (messageId ${items[2]!.messageId}) is followed by revision 4 (messageId ${items[4]!.messageId})`,
    });
  });

  it('names the events whose revisions were swapped', async () => {
    const { items } = await download(partners.swap);
    const stream = `partner-${partners.swap}`;
    tamper(`UPDATE events SET revision = -1 WHERE stream_id = '${stream}' AND revision = 1;
      UPDATE events SET revision = 1 WHERE stream_id = '${stream}' AND revision = 2;
      UPDATE events SET revision = 2 WHERE stream_id = '${stream}' AND revision = -1;`);
    const { file } = await download(partners.swap);
    expect(auditVerify(file)).toEqual({
      status: 1,
      out: `NOT verified: ${stream}: revision 1 (messageId ${items[2]!.messageId}) was stored as revision 2: the events were reordered`,
    });
  });
});
