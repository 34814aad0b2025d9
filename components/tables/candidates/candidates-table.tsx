"use client";

import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { formatPercent } from "@/lib/results";
import { CANDIDATE_SORTS } from "@/lib/filters/candidates";
import type { CandidateListRow } from "@/db/queries/candidates";

const col = columnHelperFor<CandidateListRow>();

export function CandidatesTable({
  showResults,
  ...props
}: {
  data: CandidateListRow[];
  total: number;
  page: number;
  size: number;
  sort?: string;
  dir?: "asc" | "desc";
  showResults: boolean;
}) {
  const columns: ListColumns<CandidateListRow> = [
    col.accessor("fullName", {
      id: "name",
      header: "Name",
      cell: (c) => (
        <Link href={`/candidates/${c.row.original.id}`} className="font-medium text-primary hover:underline">
          {c.row.original.fullName}
        </Link>
      ),
    }),
    col.accessor("candidateNumber", { id: "number", header: "Number" }),
    col.accessor("programCode", { id: "program", header: "Program", cell: (c) => c.row.original.programCode ?? "—" }),
    col.accessor("advisorName", { id: "advisor", header: "Advisor", cell: (c) => c.row.original.advisorName ?? "—" }),
    col.accessor("status", {
      id: "status",
      header: "Status",
      cell: (c) => <Badge variant={c.row.original.status === "active" ? "success" : "secondary"}>{c.row.original.status}</Badge>,
    }),
    ...(showResults
      ? [
          col.accessor("average", {
            id: "average",
            header: "Average",
            cell: (c) => <span className="tabular-nums">{formatPercent(c.row.original.average)}</span>,
          }),
        ]
      : []),
    col.accessor("openAlerts", {
      id: "alerts",
      header: "At risk",
      cell: (c) =>
        c.row.original.openAlerts ? (
          <Badge variant="destructive">
            {c.row.original.openAlerts} alert{c.row.original.openAlerts > 1 ? "s" : ""}
          </Badge>
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
    }),
  ];
  return (
    <DataTable
      columns={columns}
      sortable={CANDIDATE_SORTS}
      getRowId={(r) => String(r.id)}
      caption="Candidates"
      emptyTitle="No candidates match"
      emptyDescription="Try clearing the search or filters."
      testId="candidates-table"
      {...props}
    />
  );
}
