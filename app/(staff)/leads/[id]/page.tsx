import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDate, formatDateTime } from "@/lib/format";
import { TASK_STATUS_LABELS } from "@/lib/constants";
import { getLead } from "@/db/queries/leads";
import { listInteractions } from "@/db/queries/interactions";
import { listTasks } from "@/db/queries/tasks";
import { staffOptions } from "@/db/queries/options";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Timeline } from "@/components/crm/timeline";
import { TaskDialog } from "@/components/crm/task-dialog";
import { CompleteTaskButton } from "@/components/crm/task-actions";
import { ConvertLeadButton, LeadStatusSelect, MarkFollowupSeen } from "@/components/crm/lead-controls";
import { DeleteButton } from "@/components/crm/delete-button";
import { FollowUpDate, STATUS_VARIANT } from "@/components/tables/leads/leads-table";
import { deleteLeadAction } from "../actions";
import { LeadEmails } from "@/components/crm/lead-emails";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("leads.read");
  const id = idParam((await params).id);
  const lead = await loadOr404(getLead(user, id));
  const [timeline, tasks, staff] = await Promise.all([
    listInteractions(user, { leadId: id }),
    listTasks(user, { page: 1, size: 50, dir: "asc", sort: "due" }, { leadId: id }),
    staffOptions(),
  ]);
  const canManage = can(user.role, "leads.manage");
  return (
    <div className="space-y-6">
      <MarkFollowupSeen id={id} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm text-muted-foreground">
            <Link href="/leads" className="hover:underline">
              Leads
            </Link>{" "}
            · {lead.programOfInterest} · {lead.source} · {formatDate(lead.createdAt)}
          </p>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
            {lead.studentName}
            <Badge variant={STATUS_VARIANT[lead.status]} data-testid="lead-status">
              {lead.status}
            </Badge>
          </h1>
        </div>
        {canManage && (
          <div className="flex flex-wrap items-center gap-2">
            <LeadStatusSelect id={id} status={lead.status} />
            {lead.status === "Converted" && !lead.candidateId && <ConvertLeadButton id={id} name={lead.studentName} />}
            <Link href={`/leads/${id}/edit`} className={buttonVariants({ variant: "outline" })}>
              Edit
            </Link>
            {!lead.candidateId && <DeleteButton id={id} label={lead.studentName} description="The lead, its follow-up and its interactions are removed." action={deleteLeadAction} redirectTo="/leads" />}
          </div>
        )}
      </div>

      {lead.candidateId && (
        <p className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm" data-testid="lead-candidate">
          Converted: now candidate{" "}
          <Link href={`/candidates/${lead.candidateId}`} className="font-medium text-primary underline">
            {lead.candidateName}
          </Link>
          .
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>
              <h2>Details</h2>
            </CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <Item label="Student name">{lead.studentName}</Item>
              <Item label="Email">
                <a href={`mailto:${lead.email}`} className="text-primary hover:underline">
                  {lead.email}
                </a>
              </Item>
              <Item label="Phone">{lead.phone}</Item>
              <Item label="Program">{lead.programOfInterest}</Item>
              <Item label="Institution">
                <span data-testid="lead-institution">{lead.institutionName ?? "—"}</span>
              </Item>
              <Item label="Contact person">{lead.contactName ?? "—"}</Item>
              <Item label="Owner">{lead.ownerName ?? "—"}</Item>
              <Item label="Source">{lead.source}</Item>
              <div className="sm:col-span-2">
                <dt className="text-muted-foreground">Notes</dt>
                <dd className="whitespace-pre-wrap">{lead.notes ?? "—"}</dd>
              </div>
            </dl>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Follow-up</h2>
            </CardTitle>
          </CardHeader>
          <CardContent className="space-y-2 text-sm">
            <p>
              <span className="text-muted-foreground">Date: </span>
              <FollowUpDate date={lead.followUpOn} status={lead.status} />
            </p>
            <p>
              <span className="text-muted-foreground">Next step: </span>
              {lead.nextStep ?? "—"}
            </p>
          </CardContent>
        </Card>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Interactions</h2>
            </CardTitle>
            <CardDescription>Latest first.</CardDescription>
          </CardHeader>
          <CardContent>
            <Timeline
              subject="lead"
              subjectId={id}
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
              <TaskDialog owners={staff} leadId={id} trigger={<Button variant="outline" size="sm">New task</Button>} />
            </CardAction>
          </CardHeader>
          <CardContent>
            {tasks.rows.length === 0 ? (
              <p className="text-sm text-muted-foreground">No tasks for this lead.</p>
            ) : (
              <ul className="space-y-2 text-sm">
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
      <LeadEmails user={user} leadId={id} />
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
