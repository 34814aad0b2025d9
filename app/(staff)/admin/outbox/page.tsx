import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/current-user";
import { first, parseListParams, type SearchParams } from "@/lib/list";
import { EMAIL_STATUSES, EMAIL_TEMPLATES, type EmailStatus, type EmailTemplate } from "@/lib/constants";
import { listEmails, transportName } from "@/db/queries/emails";
import { outboxDir } from "@/lib/email/mail-drop";
import { PageHeader } from "@/components/shell/page-header";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { EmailsTable } from "@/components/tables/emails/emails-table";

export const metadata: Metadata = { title: "Email log" };

export default async function OutboxPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("email.outbox");
  const sp = await searchParams;
  const params = parseListParams(sp);
  const status = first(sp.status) as EmailStatus | undefined;
  const template = first(sp.template) as EmailTemplate | undefined;
  const page = await listEmails(user, params, {
    status: EMAIL_STATUSES.includes(status as EmailStatus) ? status : undefined,
    template: EMAIL_TEMPLATES.includes(template as EmailTemplate) ? template : undefined,
    runId: Number(first(sp.run)) || undefined,
  });
  const outbox = transportName() === "outbox";
  return (
    <>
      <PageHeader
        title="Email log"
        description={
          outbox
            ? `No RESEND_API_KEY is set, so messages go to the local outbox instead of being sent: the delivered copies are files in the mail drop on the server (${outboxDir()}). This log keeps each message with its personal link replaced by a placeholder. Open one to read it.`
            : "Every message Markbook writes is logged here first, then sent through Resend. Failures are retried with growing waits. Personal links are replaced by a placeholder here: only the delivered copy carries them."
        }
      />
      <ListToolbar
        searchPlaceholder="Search recipient or subject"
        filters={[
          { key: "status", label: "Status", allLabel: "Any status", options: EMAIL_STATUSES.map((s) => ({ value: s, label: s })) },
          { key: "template", label: "Template", allLabel: "Any template", options: EMAIL_TEMPLATES.map((t) => ({ value: t, label: t })) },
        ]}
      />
      <EmailsTable
        data={page.rows.map((r) => ({ ...r, sentAt: r.sentAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() }))}
        total={page.total}
        page={page.page}
        size={page.size}
      />
    </>
  );
}
