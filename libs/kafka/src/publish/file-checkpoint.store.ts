import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CheckpointStore } from './checkpoint-store';

// ── A publisher's checkpoint: one small JSON file, replaced atomically ──────────────────────
// Write a temporary file, fsync it, rename it over the old one, fsync the directory: after a
// crash the file holds either the old or the new checkpoint, never a torn one. For the SQLite
// deployment, where one machine holds everything; with PostgreSQL see postgres-checkpoint.store.ts.

type CheckpointFile = { checkpoint: string; savedAt: string };

/** {@link CheckpointStore} in `<file>` (e.g. `DATA_DIR/kafka/renewal-notices.checkpoint.json`). */
export class FileCheckpointStore implements CheckpointStore {
  constructor(private readonly file: string) {}

  async load(): Promise<string | undefined> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<CheckpointFile>;
    if (typeof parsed.checkpoint !== 'string') throw new Error(`${this.file} holds no checkpoint`);
    return parsed.checkpoint;
  }

  async save(checkpoint: string): Promise<void> {
    const dir = dirname(this.file);
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `.${basename(this.file)}.${process.pid}.tmp`);
    const content: CheckpointFile = { checkpoint, savedAt: new Date().toISOString() };
    const fd = openSync(temp, 'w');
    try {
      writeFileSync(fd, JSON.stringify(content));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, this.file);
    fsyncDirectory(dir);
  }
}

function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
