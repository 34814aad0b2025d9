import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { parseListParams, type SearchParams } from "@/lib/list";
import { taskFilters } from "@/lib/filters/tasks";
import { TASK_STATUSES, TASK_STATUS_LABELS } from "@/lib/constants";
import { listTasks } from "@/db/queries/tasks";
import { staffOptions } from "@/db/queries/options";
import { listLeads } from "@/db/queries/leads";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { ExportCsvButton } from "@/components/tables/export-csv-button";
import { TasksTable } from "@/components/tables/tasks/tasks-table";
import { TaskDialog } from "@/components/crm/task-dialog";

export const metadata: Metadata = { title: "Tasks" };

export default async function TasksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("tasks.manage");
  const sp = await searchParams;
  const params = parseListParams(sp, { sort: "due", dir: "asc" });
  const [page, staff, leads] = await Promise.all([
    listTasks(user, params, taskFilters(sp, user)),
    staffOptions(),
    can(user.role, "leads.read") ? listLeads(user, { page: 1, size: 100, dir: "desc", sort: "created" }, { followUp: undefined }) : Promise.resolve(null),
  ]);
  const leadOptions = leads?.rows.map((l) => ({ id: l.id, label: l.studentName }));
  return (
    <>
      <PageHeader title="Tasks" description="Follow-ups and reminders, yours and your team's." actions={<TaskDialog owners={staff} leads={leadOptions} />} />
      <ListToolbar
        searchPlaceholder="Search tasks, lead or description"
        filters={[
          {
            key: "owner",
            label: "Owner",
            allLabel: "All owners",
            options: [{ value: "me", label: "Mine" }, ...staff.map((s) => ({ value: String(s.id), label: s.label }))],
          },
          {
            key: "status",
            label: "Status",
            allLabel: "Any status",
            options: [{ value: "not_done", label: "Not done" }, ...TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))],
          },
          {
            key: "due",
            label: "Due",
            allLabel: "Any due date",
            options: [
              { value: "overdue", label: "Overdue" },
              { value: "today", label: "Today" },
              { value: "week", label: "This week" },
            ],
          },
        ]}
      >
        <ExportCsvButton href="/api/tasks/export" searchParams={sp} />
      </ListToolbar>
      <TasksTable
        owners={staff}
        leads={leadOptions}
        data={page.rows.map((t) => ({ ...t, dueAt: t.dueAt?.toISOString() ?? null }))}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={params.sort}
        dir={params.dir}
      />
    </>
  );
}
