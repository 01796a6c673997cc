import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// ── Reading the tables of docs/*.md, for the tests that keep the docs true to the code ────────

export function readDoc(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'docs', name), 'utf8');
}

/** The rows (cells trimmed) of the first table whose header row starts with `firstHeader`. */
export function tableAfterHeader(markdown: string, firstHeader: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => cells(line)[0] === firstHeader && lines[lines.indexOf(line) + 1]?.startsWith('| ---'));
  if (start < 0) throw new Error(`no table with a first column "${firstHeader}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(cells(line));
  }
  return rows;
}

/** The `code` spans of a cell, in order. */
export function ids(cell: string | undefined): string[] {
  return [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
}

function cells(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}
