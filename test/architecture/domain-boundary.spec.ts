import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The layer rules only protect the domain if the tools really refuse a forbidden file, so probe
// them with one: a throwaway file inside libs/domain that imports packages and node core, reads
// the clock and randomness, and switches over a union with a case missing.

const root = join(__dirname, '..', '..');
const probe = join(root, 'libs', 'domain', 'src', `__boundary-probe-${process.pid}.ts`);

function run(tool: string, args: string[]) {
  return spawnSync(join(root, 'node_modules', '.bin', tool), args, { cwd: root, encoding: 'utf8' });
}

type LintMessage = { ruleId: string | null; message: string };

describe('domain boundary', () => {
  beforeAll(() =>
    writeFileSync(
      probe,
      [
        "import { of } from 'rxjs';",
        "import pino from 'pino';",
        "import { Injectable } from '@nestjs/common';",
        "import { readFileSync } from 'node:fs';",
        "import { SqliteEventStore } from '@partner-program/event-store';",
        'export const used = [of, pino, Injectable, readFileSync, SqliteEventStore];',
        'export const now = Date.now();',
        'export const today = new Date();',
        'export const fixed = new Date(0);',
        'export const id = Math.random();',
        'export const tick = performance.now();',
        "export const env = process.env['TZ'];",
        'export const later = setTimeout(() => undefined, 1);',
        "export function describeKind(kind: 'a' | 'b'): string {",
        '  switch (kind) {',
        "    case 'a':",
        "      return 'first';",
        '    default:',
        "      return 'silently accepted';",
        '  }',
        '}',
      ].join('\n'),
    ),
  );
  afterAll(() => rmSync(probe, { force: true }));

  it('dependency-cruiser refuses any import but the domain itself: packages, node core, other libraries', () => {
    const result = run('depcruise', [probe, '--config', '.dependency-cruiser.cjs']);
    expect(result.status).not.toBe(0);
    const refused = result.stdout
      .split('\n')
      .map((line) => /domain-imports-only-itself: (\S+) → (\S+)/.exec(line))
      .filter((match) => match?.[1] === probe.slice(root.length + 1))
      .map((match) => match![2]);
    // Packages resolve through node_modules wherever it lives (a worktree may link it).
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/(^|\/)node_modules\/rxjs\//),
        expect.stringMatching(/(^|\/)node_modules\/pino\//),
        expect.stringMatching(/(^|\/)node_modules\/@nestjs\/common\//),
        'fs',
        'libs/event-store/src/index.ts',
      ]),
    );
    expect(refused).toHaveLength(5);
  }, 60_000);

  it('ESLint refuses the clock, randomness, timers, the process and a switch that leaves a case to default', () => {
    const result = run('eslint', ['--no-cache', '--format', 'json', probe]);
    expect(result.status).not.toBe(0);
    const messages = (JSON.parse(result.stdout) as { messages: LintMessage[] }[])[0]!.messages;
    const refused = messages.map((m) => `${m.ruleId}: ${m.message}`);
    expect(refused).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-syntax: .*no Date\.now\(\)/),
        expect.stringMatching(/^no-restricted-syntax: .*no new Date\(\) without an argument/),
        expect.stringMatching(/^no-restricted-syntax: .*no Math\.random\(\)/),
        expect.stringMatching(/^no-restricted-syntax: .*no performance\.now\(\)/),
        expect.stringMatching(/^no-restricted-globals: Unexpected use of 'process'/),
        expect.stringMatching(/^no-restricted-globals: Unexpected use of 'setTimeout'/),
        expect.stringMatching(/^@typescript-eslint\/switch-exhaustiveness-check: .*"b"/),
      ]),
    );
    // `new Date(0)` is a date from an argument, which the domain may build.
    expect(refused.filter((m) => m.includes('new Date()'))).toHaveLength(1);
  }, 120_000);
});
