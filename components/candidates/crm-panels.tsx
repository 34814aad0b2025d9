import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Timeline } from "@/components/crm/timeline";
import { TaskDialog } from "@/components/crm/task-dialog";
import { CompleteTaskButton } from "@/components/crm/task-actions";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format";
import { TASK_STATUS_LABELS } from "@/lib/constants";
import type { Actor } from "@/lib/actor";
import { listInteractions } from "@/db/queries/interactions";
import { listTasks } from "@/db/queries/tasks";
import { staffOptions } from "@/db/queries/options";

/** Interactions and tasks about the candidate. */
export async function CandidateCrmPanels({ user, candidateId, candidateName }: { user: Actor; candidateId: number; candidateName: string }) {
  const [timeline, tasks, staff] = await Promise.all([
    listInteractions(user, { candidateId }),
    listTasks(user, { page: 1, size: 50, dir: "asc", sort: "due" }, { candidateId }),
    staffOptions(),
  ]);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Interactions</h2>
          </CardTitle>
          <CardDescription>Notes, calls, emails and meetings, latest first.</CardDescription>
        </CardHeader>
        <CardContent>
          <Timeline
            subject="candidate"
            subjectId={candidateId}
            currentUserId={user.id}
            canDelete={can(user.role, "interactions.delete")}
            items={timeline.map((t) => ({ id: t.id, kind: t.kind, body: t.body, occurredAt: t.occurredAt.toISOString(), author: t.author, userId: t.userId, edited: t.updatedAt.getTime() - t.createdAt.getTime() > 1000 }))}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Tasks</h2>
          </CardTitle>
          <CardAction>
            <TaskDialog owners={staff} candidateId={candidateId} candidateName={candidateName} trigger={<Button variant="outline" size="sm">New task</Button>} />
          </CardAction>
        </CardHeader>
        <CardContent>
          {tasks.rows.length === 0 ? (
            <p className="text-sm text-muted-foreground">No tasks for this candidate.</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="candidate-tasks">
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
        </CardContent>
      </Card>
    </div>
  );
}
