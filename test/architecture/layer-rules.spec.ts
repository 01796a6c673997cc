import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Each layer rule of .dependency-cruiser.cjs, probed with a throwaway file that breaks it: the
// tool must name the rule for that import.

const root = join(__dirname, '..', '..');

const PROBES: ReadonlyArray<readonly [rule: string, lib: string, source: string]> = [
  ['event-store-is-generic', 'event-store', "import { decide } from '@partner-program/domain';\nexport const used = decide;"],
  [
    'ingestion-knows-no-readers-or-transports',
    'ingestion',
    "import { ReadModelQueries } from '@partner-program/read-models';\nexport const used = ReadModelQueries;",
  ],
  [
    'read-models-know-no-writers-or-transports',
    'read-models',
    "import { IngestionService } from '@partner-program/ingestion';\nexport const used = IngestionService;",
  ],
  ['kafka-knows-no-read-models', 'kafka', "import { ReadModelQueries } from '@partner-program/read-models';\nexport const used = ReadModelQueries;"],
  ['libraries-through-their-index', 'kafka', "import { decide } from '../../domain/src/decider/decide';\nexport const used = decide;"],
  ['libs-are-framework-free', 'read-models', "import { Injectable } from '@nestjs/common';\nexport const used = Injectable;"],
];

const probeFile = (lib: string, index: number) => join(root, 'libs', lib, 'src', `__layer-probe-${process.pid}-${index}.ts`);

describe('layer rules (dependency-cruiser)', () => {
  const files = PROBES.map(([, lib], index) => probeFile(lib, index));
  beforeAll(() => PROBES.forEach(([, , source], index) => writeFileSync(files[index]!, source)));
  afterAll(() => files.forEach((file) => rmSync(file, { force: true })));

  it('refuses each probe with the rule it breaks', () => {
    const bin = join(root, 'node_modules', '.bin', 'depcruise');
    const result = spawnSync(bin, [...files, '--config', '.dependency-cruiser.cjs'], { cwd: root, encoding: 'utf8' });
    expect(result.status).not.toBe(0);
    PROBES.forEach(([rule], index) => {
      expect(result.stdout).toContain(`${rule}: ${files[index]!.slice(root.length + 1)} →`);
    });
  }, 60_000);

  it('ESLint refuses partner naming in the generic event store', () => {
    const probe = join(root, 'libs', 'event-store', 'src', `__partner-probe-${process.pid}.ts`);
    writeFileSync(probe, "export const partnerStream = (id: string): string => `partner-${id}`;\nexport const PREFIX = 'partner-';\n");
    try {
      const result = spawnSync(join(root, 'node_modules', '.bin', 'eslint'), ['--no-cache', '--format', 'json', probe], { cwd: root, encoding: 'utf8' });
      const messages = (JSON.parse(result.stdout) as { messages: { ruleId: string | null; message: string }[] }[])[0]!.messages;
      expect(messages.map((m) => `${m.ruleId}: ${m.message}`)).toEqual([
        expect.stringMatching(/^no-restricted-syntax: The event store knows no partners: stream naming/),
        expect.stringMatching(/^no-restricted-syntax: The event store knows no partners: a stream prefix/),
      ]);
    } finally {
      rmSync(probe, { force: true });
    }
  }, 120_000);
});
