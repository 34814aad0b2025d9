import { SectionCard } from "@/components/ui/section-card";
import { Button } from "@/components/ui/button";
import { TaskDialog } from "@/components/crm/task-dialog";
import { CompleteTaskButton } from "@/components/crm/task-actions";
import { formatDateTime } from "@/lib/format";
import { TASK_STATUS_LABELS } from "@/lib/constants";
import type { Actor } from "@/lib/actor";
import { listTasks } from "@/db/queries/tasks";
import { staffOptions } from "@/db/queries/options";
import { subjectFilter, type CrmSubject } from "./subject";

/** The tasks about a lead or a candidate, with a button for a new one. */
export async function TasksPanel({ user, subject }: { user: Actor; subject: CrmSubject }) {
  const [tasks, staff] = await Promise.all([listTasks(user, { page: 1, size: 50, dir: "asc", sort: "due" }, subjectFilter(subject)), staffOptions()]);
  const link = subject.kind === "lead" ? { leadId: subject.id } : { candidateId: subject.id, candidateName: subject.name };
  return (
    <SectionCard
      title="Tasks"
      actions={
        <TaskDialog
          owners={staff}
          {...link}
          trigger={
            <Button variant="outline" size="sm">
              New task
            </Button>
          }
        />
      }
    >
      {tasks.rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No tasks for this {subject.kind}.</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid={`${subject.kind}-tasks`}>
          {tasks.rows.map((t) => (
            <li key={t.id} className="flex items-center justify-between gap-2 rounded border p-2">
              <span>
                <span className={t.status === "done" ? "line-through" : "font-medium"}>{t.title}</span>
                <span className="block text-xs text-muted-foreground">
                  {TASK_STATUS_LABELS[t.status]} · {t.ownerName ?? "—"} · due {t.dueAt ? formatDateTime(t.dueAt) : "—"}
                </span>
              </span>
              <CompleteTaskButton id={t.id} status={t.status} title={t.title} />
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
