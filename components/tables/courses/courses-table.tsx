"use client";

import Link from "@/components/ui/link";
import { Lock } from "lucide-react";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { COURSE_SORTS } from "@/lib/filters/courses";
import type { CourseRow } from "@/db/queries/courses";

const col = columnHelperFor<CourseRow>();

const columns: ListColumns<CourseRow> = [
  col.accessor("code", {
    id: "code",
    header: "Code",
    cell: (c) => (
      <Link href={`/courses/${c.row.original.id}`} className="font-medium text-primary hover:underline">
        {c.row.original.code}
      </Link>
    ),
  }),
  col.accessor("name", { id: "name", header: "Course" }),
  col.accessor("programCode", { id: "program", header: "Program" }),
  col.accessor("termName", {
    id: "term",
    header: "Term",
    cell: (c) => (
      <span className="inline-flex items-center gap-1">
        {c.row.original.termName}
        {c.row.original.termLocked && <Lock className="size-3.5 text-muted-foreground" aria-label="locked" />}
      </span>
    ),
  }),
  col.accessor("teachers", { id: "teachers", header: "Teachers", cell: (c) => c.row.original.teachers ?? "—" }),
  col.accessor("enrolled", { id: "enrolled", header: "Enrolled", cell: (c) => <span className="tabular-nums">{c.row.original.enrolled}</span> }),
  col.display({
    id: "open",
    header: () => <span className="sr-only">Open</span>,
    cell: (c) => (
      <Link href={`/courses/${c.row.original.id}/gradebook`} className="text-sm text-primary hover:underline">
        Gradebook
      </Link>
    ),
  }),
];

export function CoursesTable(props: { data: CourseRow[]; total: number; page: number; size: number; sort?: string; dir?: "asc" | "desc" }) {
  return (
    <DataTable
      columns={columns}
      sortable={COURSE_SORTS}
      getRowId={(r) => String(r.id)}
      caption="Courses"
      emptyTitle="No courses"
      emptyDescription="Courses you teach appear here."
      {...props}
    />
  );
}
