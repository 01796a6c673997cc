import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { transformFileSync } from '@swc/core';

const SOURCE_ROOT = join(__dirname, '..');
const IS_TEST = /\.(spec|int-spec|e2e-spec|pg-spec|kafka-spec)\.ts$/;

/**
 * Compiles the event-store sources (not the tests) to CommonJS under `outDir`, keeping the
 * layout, so a child process can run the real adapter with plain `node`. swc is what jest
 * already uses; nothing else needs installing. Returns the compiled `src` root.
 */
export function compileEventStoreForChildProcess(outDir: string): string {
  for (const file of listTs(SOURCE_ROOT)) {
    const { code } = transformFileSync(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: false,
    });
    const target = join(outDir, relative(SOURCE_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }
  return outDir;
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') && !IS_TEST.test(entry.name) ? [path] : [];
  });
}
