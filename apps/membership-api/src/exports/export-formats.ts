import { AREAS } from '@partner-program/domain';
import { stringify } from 'csv-stringify/sync';
import type { ExportRow } from './partner-status-export';

// ── The export's two encodings: NDJSON (the status JSON per line) and a flat CSV ───────────────
// Both end, when the export fails after the headers went out, with one last line that says so:
// the status code is already sent, and a client must not take a cut export for a whole one.

export const EXPORT_FORMATS = ['ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = { ndjson: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8; header=present' };

/** `format=` when given, else what `Accept` names (`text/csv` or `application/x-ndjson`), else NDJSON. */
export function chosenFormat(format: string | undefined, accept: string | undefined): ExportFormat {
  if (format !== undefined) return format as ExportFormat;
  return /(^|[\s,])text\/csv($|[\s,;])/i.test(accept ?? '') ? 'csv' : 'ndjson';
}

/** A list cell: its items joined by `;` (no item of the vocabulary holds one). */
const joined = (items: readonly string[]) => items.join(';');

/** The CSV columns, in order, each with how a row fills it. */
const COLUMNS: readonly (readonly [string, (row: ExportRow) => string | number | boolean | null])[] = [
  ['partnerId', (row) => row.partnerId],
  ['evaluatedAt', (row) => row.evaluatedAt],
  ['knownAt', (row) => row.knownAt],
  ['position', (row) => row.position],
  ['ruleset', (row) => row.ruleset],
  ['programme', (row) => row.programme],
  ['goodStanding', (row) => row.goodStanding],
  ['unmetRequirements', (row) => joined(row.requirements.filter((r) => !r.met).map((r) => r.id))],
  ['agreementId', (row) => row.agreement?.agreementId ?? null],
  ['agreementStatus', (row) => row.agreement?.status ?? null],
  ['effectiveFrom', (row) => row.agreement?.effectiveFrom ?? null],
  ['expiresOn', (row) => row.agreement?.expiresOn ?? null],
  ['businessModels', (row) => joined(row.businessModels)],
  ...AREAS.flatMap((area) => [
    [`${area}.tier`, (row: ExportRow) => row.areas[area].tier] as const,
    [`${area}.credits`, (row: ExportRow) => row.areas[area].credits] as const,
    [`${area}.badge`, (row: ExportRow) => row.areas[area].badge] as const,
  ]),
  ['dealRegistration', (row) => joined(row.entitlements.dealRegistration)],
  ['coSelling', (row) => joined(row.entitlements.coSelling)],
  ['mscIncentives', (row) => joined(row.entitlements.mscIncentives)],
];

export const CSV_HEADER = COLUMNS.map(([name]) => name);

/** RFC 4180 records; a cell starting with = + - @ is prefixed with ' so that no spreadsheet runs it as a formula. */
const csv = (records: unknown[][]) => stringify(records, { escape_formulas: true, cast: { boolean: (value) => String(value) } });

/**
 * The export's text, chunk by chunk: each row as it comes. When the rows fail, a last line says so
 * (`describe` gives its message, without the error's own text, which may name internals).
 */
export async function* encoded(
  format: ExportFormat,
  rows: AsyncIterable<ExportRow>,
  describe: (error: unknown, rows: number) => string,
): AsyncGenerator<string> {
  if (format === 'csv') yield csv([CSV_HEADER]);
  let count = 0;
  try {
    for await (const row of rows) {
      yield format === 'csv' ? csv([COLUMNS.map(([, cell]) => cell(row))]) : `${JSON.stringify(row)}\n`;
      count += 1;
    }
  } catch (error) {
    const message = describe(error, count);
    yield format === 'csv' ? csv([['#error', message]]) : `${JSON.stringify({ error: { message, rows: count } })}\n`;
  }
}
