import { SectionCard } from "@/components/ui/section-card";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { Actor } from "@/lib/actor";
import { emailsAbout } from "@/db/queries/emails";
import { subjectFilter, type CrmSubject } from "./subject";

const WORDS: Record<CrmSubject["kind"], { title: string; empty: string }> = {
  lead: { title: "Emails", empty: "No emails about this lead yet." },
  candidate: { title: "Emails sent", empty: "No emails yet." },
};

/** The emails sent about a lead or a candidate (subjects and delivery, never the bodies). */
export async function EmailsSent({ user, subject }: { user: Actor; subject: CrmSubject }) {
  const emails = await emailsAbout(user, subjectFilter(subject));
  const words = WORDS[subject.kind];
  return (
    <SectionCard title={words.title}>
      {emails.length === 0 ? (
        <p className="text-sm text-muted-foreground">{words.empty}</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid={`${subject.kind}-emails`}>
          {emails.map((e) => (
            <li key={e.id} className="flex justify-between gap-2">
              <span>
                <span className="font-medium">{e.subject}</span>
                <span className="block text-xs text-muted-foreground">
                  to {e.to} · {formatDateTime(e.sentAt ?? e.createdAt)}
                </span>
              </span>
              <Badge variant={e.status === "sent" ? "success" : e.status === "failed" ? "destructive" : "secondary"}>{e.status}</Badge>
            </li>
          ))}
        </ul>
      )}
    </SectionCard>
  );
}
