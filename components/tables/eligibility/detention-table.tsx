"use client";

import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { CandidateCell } from "@/components/tables/cells";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { formatPercent } from "@/lib/results/round";
import { DETENTION_SORTS } from "@/lib/filters/eligibility";
import type { DetentionRow } from "@/db/queries/eligibility";

const col = columnHelperFor<DetentionRow>();

const VARIANT = { below_band: "destructive", not_condoned: "warning", refused: "destructive" } as const;

export function DetentionTable(props: { data: DetentionRow[]; total: number; page: number; size: number; sort?: string; dir?: "asc" | "desc" }) {
  const columns: ListColumns<DetentionRow> = [
    col.accessor("candidateName", {
      id: "candidate",
      header: "Candidate",
      cell: (c) => (
        <CandidateCell
          id={c.row.original.candidateId}
          name={c.row.original.candidateName}
          number={c.row.original.candidateNumber}
          phone={
            <span className="text-xs sm:hidden" data-testid="detention-summary">
              {c.row.original.courseCode} · {formatPercent(c.row.original.shown)} · {c.row.original.reasonLabel}
            </span>
          }
        />
      ),
    }),
    col.accessor("courseCode", {
      id: "course",
      header: "Course",
      cell: (c) => (
        <span className="flex flex-col">
          <Link href={`/courses/${c.row.original.courseId}`} className="font-medium hover:underline">
            {c.row.original.courseCode}
          </Link>
          <span className="max-w-48 truncate text-xs text-muted-foreground">{c.row.original.courseName}</span>
        </span>
      ),
    }),
    col.accessor("shown", {
      id: "rate",
      header: "Attendance",
      cell: (c) => (
        <span className="tabular-nums" data-testid="detention-rate">
          {formatPercent(c.row.original.shown)}
        </span>
      ),
    }),
    col.display({
      id: "minimum",
      header: "Minimum",
      cell: (c) => (
        <span className="tabular-nums text-muted-foreground">
          {c.row.original.minimum} % <span className="hidden text-xs lg:inline">(condonable from {c.row.original.condonableFrom} %)</span>
        </span>
      ),
    }),
    col.accessor("reasonLabel", {
      id: "reason",
      header: "Why",
      cell: (c) => (
        <span className="flex flex-col items-start gap-1 whitespace-normal">
          <Badge variant={VARIANT[c.row.original.detention]}>{c.row.original.reasonLabel}</Badge>
          <span className="text-xs text-muted-foreground" data-testid="detention-reason">
            {c.row.original.reason}
          </span>
        </span>
      ),
    }),
  ];
  return (
    <DataTable
      columns={columns}
      sortable={DETENTION_SORTS}
      getRowId={(r) => `${r.candidateId}:${r.courseId}`}
      caption="Detention list"
      emptyTitle="Nobody is detained"
      emptyDescription="Every candidate of these courses may sit the exam: at or above the minimum attendance, or condoned."
      testId="detention-table"
      {...props}
    />
  );
}
