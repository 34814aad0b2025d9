"use client";

import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { formatDate } from "@/lib/format";
import type { LeadStatus } from "@/lib/constants";
import { cn } from "@/lib/utils";
import { LEAD_SORTS } from "@/lib/filters/leads";
import type { LeadRow } from "@/db/queries/leads";

const col = columnHelperFor<LeadRow>();

export const STATUS_VARIANT: Record<LeadStatus, "default" | "secondary" | "success" | "outline"> = {
  New: "default",
  Qualified: "secondary",
  Converted: "success",
  Lost: "outline",
};

export function FollowUpDate({ date, status }: { date: string | null; status: LeadStatus }) {
  if (!date) return <span className="text-muted-foreground">—</span>;
  const today = new Date().toISOString().slice(0, 10);
  const open = status === "New" || status === "Qualified";
  const overdue = open && date < today;
  const due = open && date === today;
  return (
    <span className={cn("tabular-nums", overdue && "font-medium text-destructive", due && "font-medium text-amber-700")}>
      {formatDate(date)}
      {overdue && " · overdue"}
      {due && " · today"}
    </span>
  );
}

const columns: ListColumns<LeadRow> = [
  col.accessor("studentName", {
    id: "name",
    header: "Student",
    cell: (c) => (
      <Link href={`/leads/${c.row.original.id}`} className="font-medium text-primary hover:underline">
        {c.row.original.studentName}
      </Link>
    ),
  }),
  col.accessor("programOfInterest", { id: "program", header: "Program" }),
  col.accessor("source", { id: "source", header: "Source" }),
  col.accessor("status", {
    id: "status",
    header: "Status",
    cell: (c) => <Badge variant={STATUS_VARIANT[c.row.original.status]}>{c.row.original.status}</Badge>,
  }),
  col.accessor("ownerName", { id: "owner", header: "Owner", cell: (c) => c.row.original.ownerName ?? "—" }),
  col.accessor("institutionName", { id: "institution", header: "Institution", cell: (c) => c.row.original.institutionName ?? "—" }),
  col.accessor("followUpOn", {
    id: "followUp",
    header: "Follow-up",
    cell: (c) => <FollowUpDate date={c.row.original.followUpOn} status={c.row.original.status} />,
  }),
];

export function LeadsTable(props: { data: LeadRow[]; total: number; page: number; size: number; sort?: string; dir?: "asc" | "desc" }) {
  return (
    <DataTable
      columns={columns}
      sortable={LEAD_SORTS}
      getRowId={(r) => String(r.id)}
      caption="Leads"
      emptyTitle="No leads match"
      emptyDescription="Try clearing the filters, or add a new lead."
      testId="leads-table"
      {...props}
    />
  );
}
