import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDate } from "@/lib/format";
import { getLead } from "@/db/queries/leads";
import { SectionCard } from "@/components/ui/section-card";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { InteractionsPanel } from "@/components/crm/interactions-panel";
import { TasksPanel } from "@/components/crm/tasks-panel";
import { EmailsSent } from "@/components/crm/emails-sent";
import { ConvertLeadButton, LeadStatusSelect, MarkFollowupSeen } from "@/components/crm/lead-controls";
import { DeleteButton } from "@/components/crm/delete-button";
import { FollowUpDate, STATUS_VARIANT } from "@/components/tables/leads/leads-table";
import { deleteLeadAction } from "../actions";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("leads.read");
  const id = idParam((await params).id);
  const lead = await loadOr404(getLead(user, id));
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
            {!lead.candidateId && (
              <DeleteButton
                id={id}
                label={lead.studentName}
                description="The lead, its follow-up and its interactions are removed."
                action={deleteLeadAction}
                redirectTo="/leads"
              />
            )}
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
        <SectionCard className="lg:col-span-2" title="Details">
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
        </SectionCard>
        <SectionCard title="Follow-up" contentClassName="space-y-2 text-sm">
          <p>
            <span className="text-muted-foreground">Date: </span>
            <FollowUpDate date={lead.followUpOn} status={lead.status} />
          </p>
          <p>
            <span className="text-muted-foreground">Next step: </span>
            {lead.nextStep ?? "—"}
          </p>
        </SectionCard>
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <InteractionsPanel user={user} subject={{ kind: "lead", id }} />
        <TasksPanel user={user} subject={{ kind: "lead", id }} />
      </div>
      <EmailsSent user={user} subject={{ kind: "lead", id }} />
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
