import { SectionCard } from "@/components/ui/section-card";
import { Badge } from "@/components/ui/badge";
import { formatDate, formatDateTime } from "@/lib/format";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/actor";
import { listAccessLinks } from "@/db/queries/access-links";
import { RevokeLinkButton } from "./revoke-link-button";

/** The result links that exist for a candidate, each revocable while it works. */
export async function ResultLinks({ user, candidateId }: { user: Actor; candidateId: number }) {
  const links = await listAccessLinks(user, candidateId);
  const now = new Date();
  return (
    <SectionCard title="Result links" description="Personal links sent with progress reports, and whether each was opened. Revoke one to close it at once.">
      {links.length === 0 ? (
        <p className="text-sm text-muted-foreground">No links yet. Send a progress report to create them.</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid="access-links">
          {links.map((l) => {
            const state = l.revokedAt ? "revoked" : l.expiresAt < now ? "expired" : "active";
            return (
              <li key={l.id} className="flex items-start justify-between gap-2 rounded border p-2" data-testid={`access-link-${l.id}`}>
                <span className="min-w-0">
                  <span className="font-medium">{l.guardianName ?? l.recipient}</span> <span className="break-all text-muted-foreground">{l.recipient}</span>
                  <span className="block text-xs text-muted-foreground">
                    {l.sentAt ? `Sent ${formatDateTime(l.sentAt)}` : `Created ${formatDate(l.createdAt)}, not sent`}
                    {l.resentAt ? ` (resent ${formatDateTime(l.resentAt)})` : ""} · expires {formatDate(l.expiresAt)}
                  </span>
                  {/* The read receipt: counted when the recipient views the result page from this link. */}
                  <span className="block text-xs" data-testid="link-receipt">
                    {l.uses > 0 ? (
                      <>
                        Opened <span data-testid="link-opens">{l.uses}</span> time{l.uses === 1 ? "" : "s"} · first{" "}
                        <span data-testid="link-first-opened">{formatDateTime(l.firstOpenedAt ?? l.lastUsedAt)}</span>
                        {l.uses > 1 && <>, last {formatDateTime(l.lastUsedAt)}</>}
                      </>
                    ) : (
                      <span className="text-amber-800 dark:text-amber-300">Not opened yet</span>
                    )}
                  </span>
                </span>
                {state === "active" ? (
                  can(user.role, "access-links.manage") && <RevokeLinkButton id={l.id} candidateId={candidateId} recipient={l.recipient ?? "this person"} />
                ) : (
                  <Badge variant="secondary">{state}</Badge>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </SectionCard>
  );
}
