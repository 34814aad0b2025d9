"use client";

import * as React from "react";
import Link from "@/components/ui/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { columnHelperFor, DataTable, type ListColumns } from "@/components/tables/data-table";
import { TaskDialog } from "@/components/crm/task-dialog";
import { CompleteTaskButton, DeleteTaskButton } from "@/components/crm/task-actions";
import { TASK_STATUS_LABELS } from "@/lib/constants";
import { formatDateTime } from "@/lib/format";
import { cn } from "@/lib/utils";
import type { IsoDates } from "@/lib/list";
import { TASK_SORTS } from "@/lib/filters/tasks";
import type { TaskRow } from "@/db/queries/tasks";
import { markTasksSeenAction } from "@/app/(staff)/tasks/actions";
import { MarkSeenOnOpen } from "@/components/crm/mark-seen";

const markTasksSeen = async () => {
  const r = await markTasksSeenAction(null, {});
  return r.ok && r.data.seen > 0;
};

/** The due date comes as ISO text: the edit dialog's hidden field takes it as it is. */
type TaskListRow = IsoDates<TaskRow, "dueAt">;
const col = columnHelperFor<TaskListRow>();

function dueState(row: TaskListRow): "overdue" | "today" | null {
  if (!row.dueAt || row.status === "done") return null;
  const due = new Date(row.dueAt).getTime();
  if (due < Date.now()) return "overdue";
  const end = new Date();
  end.setHours(23, 59, 59, 999);
  return due <= end.getTime() ? "today" : null;
}

export function TasksTable({
  owners,
  leads,
  ...props
}: {
  data: TaskListRow[];
  total: number;
  page: number;
  size: number;
  sort?: string;
  dir?: "asc" | "desc";
  owners: { id: number; label: string }[];
  leads?: { id: number; label: string }[];
}) {
  const columns: ListColumns<TaskListRow> = [
    col.accessor("title", {
      id: "title",
      header: "Title",
      cell: (c) => (
        <span className={cn("font-medium", c.row.original.status === "done" && "text-muted-foreground line-through")}>
          {c.row.original.title}
          {c.row.original.description && (
            <span className="block max-w-md truncate text-xs font-normal text-muted-foreground">{c.row.original.description}</span>
          )}
        </span>
      ),
    }),
    col.display({
      id: "related",
      header: "Lead / Candidate",
      cell: (c) =>
        c.row.original.leadId ? (
          <Link className="text-primary hover:underline" href={`/leads/${c.row.original.leadId}`}>
            {c.row.original.leadName}
          </Link>
        ) : c.row.original.candidateId ? (
          <Link className="text-primary hover:underline" href={`/candidates/${c.row.original.candidateId}`}>
            {c.row.original.candidateName}
          </Link>
        ) : (
          "—"
        ),
    }),
    col.accessor("dueAt", {
      id: "due",
      header: "Due",
      cell: (c) => {
        const s = dueState(c.row.original);
        return (
          <span className={cn("tabular-nums", s === "overdue" && "font-medium text-destructive", s === "today" && "font-medium text-amber-700")}>
            {c.row.original.dueAt ? formatDateTime(c.row.original.dueAt) : "—"}
            {s && <span className="sr-only"> ({s})</span>}
            {s === "overdue" && (
              <Badge variant="destructive" className="ml-2">
                Overdue
              </Badge>
            )}
            {s === "today" && (
              <Badge variant="warning" className="ml-2">
                Today
              </Badge>
            )}
          </span>
        );
      },
    }),
    col.accessor("ownerName", { id: "owner", header: "Owner", cell: (c) => c.row.original.ownerName ?? "—" }),
    col.accessor("status", {
      id: "status",
      header: "Status",
      cell: (c) => (
        <Badge variant={c.row.original.status === "done" ? "success" : c.row.original.status === "in_progress" ? "warning" : "secondary"}>
          {TASK_STATUS_LABELS[c.row.original.status]}
        </Badge>
      ),
    }),
    col.display({
      id: "actions",
      header: () => <span className="sr-only">Actions</span>,
      cell: (c) => (
        <span className="flex justify-end gap-1">
          <CompleteTaskButton id={c.row.original.id} status={c.row.original.status} title={c.row.original.title} />
          <TaskDialog
            task={c.row.original}
            owners={owners}
            leads={leads}
            trigger={
              <Button variant="ghost" size="sm">
                Edit
              </Button>
            }
          />
          <DeleteTaskButton id={c.row.original.id} title={c.row.original.title} />
        </span>
      ),
    }),
  ];
  return (
    <>
      {/* Opening the task list marks the user's tasks as seen ("new" drops to zero). */}
      <MarkSeenOnOpen mark={markTasksSeen} badge="tasks" />
      <DataTable
        columns={columns}
        sortable={TASK_SORTS}
        getRowId={(r) => String(r.id)}
        caption="Tasks"
        emptyTitle="No tasks"
        emptyDescription="Nothing to do here. Create a task to track a follow-up or reminder."
        testId="tasks-table"
        {...props}
      />
    </>
  );
}
