"use client";

import * as React from "react";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import {
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnHelper,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination, pageWindow } from "@/components/ui/pagination";
import { NativeSelect } from "@/components/ui/native-select";
import { PAGE_SIZES } from "@/lib/list";
import { cn } from "@/lib/utils";
import { useListUrl } from "./use-list-url";

export { useListUrl };
export type { CellContext, ColumnDef, SortingState } from "@tanstack/react-table";

export const tableFeaturesForLists = tableFeatures({ rowSortingFeature });
export const listFeatures = tableFeaturesForLists;
export type ListFeatures = typeof tableFeaturesForLists;

/** Column helper for list tables: a column's id is the server's sort key when it is in the list's `sortable`. */
export function columnHelperFor<TData extends RowData>() {
  return createColumnHelper<ListFeatures, TData>();
}

// Columns differ in value type and TValue is invariant, so a mixed array needs the
// library's own loose array type (what `columnHelper.columns([...])` returns).
export type ListColumns<TData extends RowData> = ReturnType<ColumnHelper<ListFeatures, TData>["columns"]>;

/**
 * A server-paged, server-sorted list. Sorting and paging change the URL; the page
 * re-renders on the server with the new rows. `sortable` is the list's sort keys (from
 * lib/filters, the same list the query orders by): only those columns offer sorting.
 */
export function DataTable<TData extends RowData>({
  columns,
  data,
  total,
  page,
  size,
  sort,
  dir,
  sortable,
  getRowId,
  emptyTitle = "Nothing here yet",
  emptyDescription,
  emptyAction,
  caption,
  rowClassName,
  testId,
}: {
  columns: ListColumns<TData>;
  data: TData[];
  total: number;
  page: number;
  size: number;
  sort?: string;
  dir?: "asc" | "desc";
  sortable: readonly string[];
  getRowId?: (row: TData) => string;
  emptyTitle?: string;
  emptyDescription?: React.ReactNode;
  emptyAction?: React.ReactNode;
  caption?: string;
  rowClassName?: (row: TData) => string | undefined;
  testId?: string;
}) {
  const { setParams, hrefWith } = useListUrl();
  const sorting: SortingState = sort ? [{ id: sort, desc: dir === "desc" }] : [];

  const table = useTable({
    features: tableFeaturesForLists,
    columns,
    data,
    getRowId: getRowId ? (row: TData) => getRowId(row) : undefined,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const s = next[0];
      setParams({ sort: s?.id, dir: s ? (s.desc ? "desc" : "asc") : undefined }, { resetPage: true });
    },
  });

  const pages = Math.max(1, Math.ceil(total / size));
  const hrefs: Record<number, string> = {};
  for (const p of [...pageWindow(page, pages), page - 1, page + 1]) {
    if (p !== null && p >= 1 && p <= pages) hrefs[p] = hrefWith({ page: p === 1 ? undefined : String(p) });
  }

  return (
    <div className="rounded-lg border bg-card" data-testid={testId}>
      <Table>
        {caption && <caption className="sr-only">{caption}</caption>}
        <TableHeader>
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} className="hover:bg-transparent">
              {group.headers.map((header) => {
                const canSort = sortable.includes(header.column.id) && header.column.getCanSort();
                const sorted = header.column.getIsSorted();
                return (
                  <TableHead
                    key={header.id}
                    aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                    className="px-3"
                  >
                    {header.isPlaceholder ? null : canSort ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                      >
                        <table.FlexRender header={header} />
                        {sorted === "asc" ? (
                          <ArrowUp className="size-3.5" aria-hidden />
                        ) : sorted === "desc" ? (
                          <ArrowDown className="size-3.5" aria-hidden />
                        ) : (
                          <ArrowUpDown className="size-3.5 opacity-40" aria-hidden />
                        )}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </TableHead>
                );
              })}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody>
          {data.length === 0 ? (
            <TableRow className="hover:bg-transparent">
              <TableCell colSpan={columns.length}>
                {/* On a phone the table scrolls sideways: the message stays in the visible part, not centred across every column. */}
                <div className="sticky left-0 w-[calc(100vw-4.5rem)] whitespace-normal sm:static sm:w-auto">
                  <EmptyState title={emptyTitle} description={emptyDescription} action={emptyAction} />
                </div>
              </TableCell>
            </TableRow>
          ) : (
            table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} className={cn(rowClassName?.(row.original))}>
                {row.getAllCells().map((cell) => (
                  <TableCell key={cell.id} className="px-3">
                    <table.FlexRender cell={cell} />
                  </TableCell>
                ))}
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
      <div className="flex flex-col items-center gap-2 border-t px-3 sm:flex-row sm:justify-between">
        <Pagination page={page} size={size} total={total} hrefs={hrefs} />
        <label className="flex items-center gap-2 pb-3 text-sm text-muted-foreground sm:pb-0">
          <span>Rows per page</span>
          <span className="w-20">
            <NativeSelect value={String(size)} onChange={(e) => setParams({ size: e.target.value }, { resetPage: true })} aria-label="Rows per page">
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </NativeSelect>
          </span>
        </label>
      </div>
    </div>
  );
}
