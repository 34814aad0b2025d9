import { SectionCard } from "@/components/ui/section-card";
import { Timeline } from "@/components/crm/timeline";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/actor";
import { listInteractions } from "@/db/queries/interactions";
import { subjectFilter, type CrmSubject } from "./subject";

const DESCRIPTION: Record<CrmSubject["kind"], string> = { lead: "Latest first.", candidate: "Notes, calls, emails and meetings, latest first." };

/** The interactions timeline of a lead or a candidate, with the form to add one. */
export async function InteractionsPanel({ user, subject }: { user: Actor; subject: CrmSubject }) {
  const timeline = await listInteractions(user, subjectFilter(subject));
  return (
    <SectionCard title="Interactions" description={DESCRIPTION[subject.kind]}>
      <Timeline
        subject={subject.kind}
        subjectId={subject.id}
        currentUserId={user.id}
        canDelete={can(user.role, "interactions.delete")}
        items={timeline.map((t) => ({
          id: t.id,
          kind: t.kind,
          body: t.body,
          occurredAt: t.occurredAt.toISOString(),
          author: t.author,
          userId: t.userId,
          edited: t.updatedAt.getTime() - t.createdAt.getTime() > 1000,
        }))}
      />
    </SectionCard>
  );
}
