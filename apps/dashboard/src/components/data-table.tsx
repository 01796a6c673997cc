import type { ComponentChildren } from 'preact';

/** A column heading; numeric columns align right. */
export type Column = string | { label: string; numeric: true };

/** The pages' one table: column headings, a row per item, or a sentence when there is none. */
export function DataTable<T>(props: { columns: readonly Column[]; rows: readonly T[]; empty: string; row: (item: T) => ComponentChildren }) {
  if (props.rows.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          {props.columns.map((column) =>
            typeof column === 'string' ? (
              <th scope="col">{column}</th>
            ) : (
              <th scope="col" class="number">
                {column.label}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{props.rows.map(props.row)}</tbody>
    </table>
  );
}
