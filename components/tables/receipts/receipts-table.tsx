"use client";

import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { formatDateTime } from "@/lib/format";
import type { IsoDates } from "@/lib/list";
import { RECEIPT_SORTS } from "@/lib/filters/receipts";
import type { ReceiptRow } from "@/db/queries/reports";

type Row = IsoDates<ReceiptRow, "sentAt" | "firstOpenedAt" | "lastOpenedAt" | "revokedAt" | "resentAt">;
const col = columnHelperFor<Row>();

function Opened({ r }: { r: Row }) {
  if (r.uses > 0)
    return (
      <span className="flex flex-col" data-testid="receipt-opened">
        <span>
          {r.uses} time{r.uses === 1 ? "" : "s"}
        </span>
        <span className="text-xs text-muted-foreground">first {formatDateTime(r.firstOpenedAt)}</span>
        {r.uses > 1 && <span className="text-xs text-muted-foreground">last {formatDateTime(r.lastOpenedAt)}</span>}
      </span>
    );
  if (r.revokedAt) return <Badge variant="secondary">revoked</Badge>;
  return <Badge variant="warning">Not opened yet</Badge>;
}

// Who and whether first, so a phone shows both before the table scrolls; the recipient wraps under the candidate.
const columns: ListColumns<Row> = [
  col.accessor("candidateName", {
    id: "candidate",
    header: "Candidate and recipient",
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className="flex min-w-44 flex-col whitespace-normal">
          <Link href={`/candidates/${r.candidateId}`} className="font-medium text-primary hover:underline">
            {r.candidateName}
          </Link>
          <span>{r.guardianName ?? (r.guardianId === null ? "The candidate" : "Former guardian")}</span>
          <span className="break-all text-xs text-muted-foreground">{r.recipient}</span>
        </span>
      );
    },
  }),
  col.accessor("uses", { id: "opened", header: "Opened", cell: (c) => <Opened r={c.row.original} /> }),
  col.accessor("sentAt", {
    id: "sent",
    header: "Sent",
    cell: (c) => {
      const r = c.row.original;
      return (
        <span className="flex flex-col gap-0.5">
          {r.sentAt ? (
            formatDateTime(r.sentAt)
          ) : (
            <Badge variant={r.status === "failed" ? "destructive" : "secondary"}>{r.status === "failed" ? "not delivered" : r.status}</Badge>
          )}
          {r.resentAt && (
            <span className="text-xs text-muted-foreground">
              resent {formatDateTime(r.resentAt)}
              {r.resends > 1 ? ` (${r.resends} times)` : ""}
            </span>
          )}
        </span>
      );
    },
  }),
];

export function ReceiptsTable(props: { data: Row[]; total: number; page: number; size: number; sort?: string; dir?: "asc" | "desc"; emptyTitle: string }) {
  return (
    <DataTable
      columns={columns}
      sortable={RECEIPT_SORTS}
      getRowId={(r) => String(r.linkId)}
      caption="Recipients and read receipts"
      testId="receipts-table"
      {...props}
    />
  );
}
