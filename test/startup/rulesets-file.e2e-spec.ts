import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../crash/api-process';

// The built service (`npm test` builds before jest) started with a bad RULESETS_FILE: it must stop
// at once with a message naming the variable, as for any other bad setting, not print a stack.

const MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'membership-api', 'src', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'rulesets-start-'));

async function startWith(rulesetsFile: string): Promise<{ code: number | null; stderr: string }> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run "npm run build" first (npm test does)`);
  const env = {
    ...process.env,
    DATA_DIR: join(dir, 'data'),
    PORT: String(await freePort()),
    API_KEYS: 'admin:rulesets-start-key-0123',
    RULESETS_FILE: rulesetsFile,
  };
  const child = spawn(process.execPath, [MAIN], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

describe('the service with a bad RULESETS_FILE', () => {
  it.each([
    ['missing', join(dir, 'missing.json'), 'cannot be read'],
    ['not JSON', join(dir, 'text.json'), 'is not JSON'],
    ['structurally wrong', join(dir, 'wrong.json'), 'invalid ruleset rulesets[0] "fy99": effectiveFrom must be a YYYY-MM-DD date'],
  ])(
    'exits 1 when the file is %s, naming RULESETS_FILE, without a stack trace',
    async (_case, file, reason) => {
      writeFileSync(join(dir, 'text.json'), 'thresholds: high');
      writeFileSync(join(dir, 'wrong.json'), '[{"id":"fy99","effectiveFrom":"2099-13-01"}]');
      const { code, stderr } = await startWith(file);
      expect(code).toBe(1);
      expect(stderr).toContain(`invalid configuration:\n  RULESETS_FILE=${file}: ${reason}`);
      expect(stderr).not.toMatch(/^\s+at /m);
    },
    30_000,
  );
});
