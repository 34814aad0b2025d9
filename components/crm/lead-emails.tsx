import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { Actor } from "@/lib/actor";
import { emailsAbout } from "@/db/queries/emails";

/** Emails sent about this lead. */
export async function LeadEmails({ user, leadId }: { user: Actor; leadId: number }) {
  const emails = await emailsAbout(user, { leadId });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Emails</h2>
        </CardTitle>
      </CardHeader>
      <CardContent>
        {emails.length === 0 ? (
          <p className="text-sm text-muted-foreground">No emails about this lead yet.</p>
        ) : (
          <ul className="space-y-2 text-sm">
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
      </CardContent>
    </Card>
  );
}
