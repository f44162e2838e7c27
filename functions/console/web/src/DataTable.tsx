/**
 * The console's tables, on TanStack Table: the server searches and orders (newest first, by deadline),
 * a click on a column header re-sorts what is shown. Headers are real buttons inside `<th scope="col">`
 * carrying `aria-sort`, so a screen reader says which column orders the rows and which way.
 */
import {
  createColumnHelper,
  createSortedRowModel,
  flexRender,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';

/** What the console's tables do on the client: sort the rows the server sent, and nothing else. */
export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, basic: sortFn_basic },
});

/** A typed column builder for rows of `T`. */
export const columnsOf = <T extends RowData>() => createColumnHelper<typeof features, T>();

/** The `aria-sort` value of a column sorted `direction` (or not at all). */
export function ariaSort(direction: false | 'asc' | 'desc'): 'ascending' | 'descending' | 'none' {
  return direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
}

export function DataTable<T extends RowData>({
  rows,
  columns,
  rowId,
  caption,
  compact = false,
  rowClass,
}: {
  rows: readonly T[];
  // TanStack's column type varies its value type per column; the table does not need it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<typeof features, T, any>[];
  rowId: (row: T) => string;
  /** Read by screen readers; says what the rows are and how the server ordered them. */
  caption: string;
  compact?: boolean;
  rowClass?: (row: T) => string | undefined;
}) {
  // Empty: the server's order, until a person clicks a header.
  const [sorting, setSorting] = useState<SortingState>([]);
  const table = useTable({
    features,
    data: rows as T[],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (row) => rowId(row),
  });
  return (
    <table className={compact ? 'data compact' : 'data'}>
      <caption className="sr-only">
        {caption}
        {sorting[0] ? `; shown sorted by ${String(table.getColumn(sorting[0].id)?.columnDef.header ?? sorting[0].id)}` : ''}
      </caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => {
              const label = flexRender(header.column.columnDef.header, header.getContext());
              const sorted = header.column.getIsSorted();
              return (
                <th key={header.id} scope="col" aria-sort={header.column.getCanSort() ? ariaSort(sorted) : undefined}>
                  {header.column.getCanSort() ? (
                    <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                      {label}
                      <span aria-hidden="true" className="sort-mark">
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}
                      </span>
                    </button>
                  ) : (
                    label
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} className={rowClass?.(row.original)}>
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className={(cell.column.columnDef.meta as { className?: string } | undefined)?.className}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
