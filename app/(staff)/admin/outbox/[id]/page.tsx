import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDateTime } from "@/lib/format";
import { getEmail } from "@/db/queries/emails";
import { hasMailDropCopy, mailDropPath } from "@/lib/email/mail-drop";
import { carriesPersonalLink, PERSONAL_LINK } from "@/lib/email/personal-link";
import { Badge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

export const metadata: Metadata = { title: "Message" };

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("email.outbox");
  const m = await loadOr404(getEmail(user, idParam((await params).id)));
  const personal = carriesPersonalLink(m);
  const delivered =
    m.status !== "sent" ? (
      "Nothing has been delivered yet: each try makes a new link when it sends."
    ) : m.transport === "resend" ? (
      <>The delivered copy, with the working link, went to the recipient through Resend{m.providerId ? ` (message id ${m.providerId})` : ""}.</>
    ) : hasMailDropCopy(m.id) ? (
      <>
        The delivered copy, with the working link, is in the outbox&apos;s mail drop on the server: <code className="break-all">{mailDropPath(m.id)}</code>.
      </>
    ) : (
      "No delivered copy is kept: the message went out before personal links were kept out of the log, or the mail drop was cleared."
    );
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted-foreground">
        <Link href="/admin/outbox" className="hover:underline">
          Email log
        </Link>
      </p>
      <h1 className="text-2xl font-semibold" data-testid="message-subject">
        {m.subject}
      </h1>
      <dl className="grid gap-1 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="text-muted-foreground">To</dt>
        <dd data-testid="message-to">{m.to}</dd>
        <dt className="text-muted-foreground">Status</dt>
        <dd>
          <Badge variant={m.status === "sent" ? "success" : m.status === "failed" ? "destructive" : "secondary"}>{m.status}</Badge> via {m.transport},{" "}
          {m.attempts} attempt(s)
          {m.error ? ` — ${m.error}` : ""}
        </dd>
        <dt className="text-muted-foreground">Written</dt>
        <dd>{formatDateTime(m.createdAt)}</dd>
        <dt className="text-muted-foreground">Sent</dt>
        <dd>{m.sentAt ? formatDateTime(m.sentAt) : "—"}</dd>
      </dl>
      {personal && (
        <p className="rounded-lg border bg-muted/50 p-3 text-sm" data-testid="personal-link-note">
          Personal links are not kept: this log shows <code>{PERSONAL_LINK}</code> where the recipient&apos;s link was. The link is made when the message is
          delivered, and only its hash is stored. {delivered}
        </p>
      )}
      <Tabs defaultValue="html">
        <TabsList>
          <TabsTrigger value="html">Message</TabsTrigger>
          <TabsTrigger value="text">Plain text</TabsTrigger>
        </TabsList>
        <TabsContent value="html">
          {/* Sandboxed: the message's HTML cannot run script or reach the app. */}
          <iframe
            title="Message"
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={m.html}
            className="h-[70vh] w-full rounded-lg border bg-white"
          />
        </TabsContent>
        <TabsContent value="text">
          <pre className="whitespace-pre-wrap rounded-lg border bg-card p-4 text-sm" data-testid="message-text">
            {m.text}
          </pre>
        </TabsContent>
      </Tabs>
    </div>
  );
}
