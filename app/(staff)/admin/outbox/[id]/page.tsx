import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/current-user";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDateTime } from "@/lib/format";
import { getEmail } from "@/db/queries/emails";
import { Badge } from "@/components/ui/badge";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";

export const metadata: Metadata = { title: "Message" };

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("email.outbox");
  const m = await loadOr404(getEmail(user, idParam((await params).id)));
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
          <Badge variant={m.status === "sent" ? "success" : m.status === "failed" ? "destructive" : "secondary"}>{m.status}</Badge> via {m.transport}, {m.attempts} attempt(s)
          {m.error ? ` — ${m.error}` : ""}
        </dd>
        <dt className="text-muted-foreground">Written</dt>
        <dd>{formatDateTime(m.createdAt)}</dd>
        <dt className="text-muted-foreground">Sent</dt>
        <dd>{m.sentAt ? formatDateTime(m.sentAt) : "—"}</dd>
      </dl>
      <Tabs defaultValue="html">
        <TabsList>
          <TabsTrigger value="html">Message</TabsTrigger>
          <TabsTrigger value="text">Plain text</TabsTrigger>
        </TabsList>
        <TabsContent value="html">
          {/* Sandboxed: the message's HTML cannot run script or reach the app. */}
          <iframe title="Message" sandbox="allow-popups allow-popups-to-escape-sandbox" srcDoc={m.html} className="h-[70vh] w-full rounded-lg border bg-white" />
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
