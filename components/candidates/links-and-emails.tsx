import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { formatDate, formatDateTime } from "@/lib/format";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/actor";
import { listAccessLinks } from "@/db/queries/access-links";
import { emailsAbout } from "@/db/queries/emails";
import { RevokeLinkButton } from "./revoke-link-button";

/** The emails sent about a candidate and the result links that exist for them. */
export async function LinksAndEmails({ user, candidateId }: { user: Actor; candidateId: number }) {
  const [links, emails] = await Promise.all([listAccessLinks(user, candidateId), emailsAbout(user, { candidateId })]);
  const now = new Date();
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Result links</h2>
          </CardTitle>
          <CardDescription>Personal links sent with progress reports. Revoke one to close it at once.</CardDescription>
        </CardHeader>
        <CardContent>
          {links.length === 0 ? (
            <p className="text-sm text-muted-foreground">No links yet. Send a progress report to create them.</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="access-links">
              {links.map((l) => {
                const state = l.revokedAt ? "revoked" : l.expiresAt < now ? "expired" : "active";
                return (
                  <li key={l.id} className="flex items-start justify-between gap-2 rounded border p-2">
                    <span>
                      <span className="font-medium">{l.guardianName ?? l.recipient}</span> <span className="text-muted-foreground">{l.recipient}</span>
                      <span className="block text-xs text-muted-foreground">
                        Created {formatDate(l.createdAt)} · expires {formatDate(l.expiresAt)} · {l.uses} use{l.uses === 1 ? "" : "s"}
                        {l.lastUsedAt ? `, last ${formatDateTime(l.lastUsedAt)}` : ""}
                      </span>
                    </span>
                    {state === "active" ? can(user.role, "access-links.manage") && <RevokeLinkButton id={l.id} candidateId={candidateId} recipient={l.recipient ?? "this person"} /> : <Badge variant="secondary">{state}</Badge>}
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Emails sent</h2>
          </CardTitle>
        </CardHeader>
        <CardContent>
          {emails.length === 0 ? (
            <p className="text-sm text-muted-foreground">No emails yet.</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="candidate-emails">
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
    </div>
  );
}
