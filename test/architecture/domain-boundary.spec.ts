import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The layer rules only protect the domain if the tool really fails on a forbidden import, so probe
// it with one: a throwaway file inside libs/domain that imports NestJS, a store, a broker and fs.

const root = join(__dirname, '..', '..');
const probe = join(root, 'libs', 'domain', 'src', `__boundary-probe-${process.pid}.ts`);

function cruise(file: string) {
  const bin = join(root, 'node_modules', '.bin', 'depcruise');
  return spawnSync(bin, [file, '--config', '.dependency-cruiser.cjs'], { cwd: root, encoding: 'utf8' });
}

describe('domain boundary (dependency-cruiser)', () => {
  afterAll(() => rmSync(probe, { force: true }));

  it('fails when the domain imports NestJS, a store, a broker or node I/O', () => {
    writeFileSync(
      probe,
      [
        "import { Injectable } from '@nestjs/common';",
        "import Database from 'better-sqlite3';",
        "import { Kafka } from 'kafkajs';",
        "import { readFileSync } from 'node:fs';",
        'export const used = [Injectable, Database, Kafka, readFileSync];',
      ].join('\n'),
    );
    const result = cruise(probe);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toMatch(/domain-is-pure: .*→ node_modules\/@nestjs\/common/);
    expect(result.stdout).toMatch(/domain-is-pure: .*→ node_modules\/better-sqlite3/);
    expect(result.stdout).toMatch(/domain-is-pure: .*→ node_modules\/kafkajs/);
    expect(result.stdout).toMatch(/domain-no-node-io: .*→ fs/);
  }, 60_000);
});
