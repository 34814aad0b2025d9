import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { parseListParams, type SearchParams } from "@/lib/list";
import { formatDateTime } from "@/lib/format";
import { receiptShow, RESEND_WINDOW_MINUTES } from "@/lib/filters/receipts";
import { listRunReceipts, reportRunSummary, runReceiptCounts } from "@/db/queries/reports";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { Badge } from "@/components/ui/badge";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { ReceiptsTable } from "@/components/tables/receipts/receipts-table";
import { ResendUnopenedButton } from "@/components/reports/resend-unopened";
import { ResumeRunButton } from "@/components/reports/report-runner";

export const metadata: Metadata = { title: "Report run" };

const SCOPE_LABEL = { candidate: "One candidate", course: "A course", program_term: "A program in a term", term: "A whole term" } as const;

export default async function ReportRunPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("reports.send");
  const id = idParam((await params).id);
  const sp = await searchParams;
  const list = parseListParams(sp, { sort: "candidate", size: 25 });
  const show = receiptShow(sp);
  const run = await loadOr404(reportRunSummary(user, id));
  const [counts, page] = await Promise.all([runReceiptCounts(user, id), listRunReceipts(user, id, list, show)]);
  const forWhom = run.scope === "candidate" ? run.candidateName : run.scope === "course" ? run.courseCode : run.termName;
  const recentlyResent = counts.unopened - counts.resendable;
  return (
    <>
      <p className="mb-1 text-sm text-muted-foreground">
        <Link href="/reports" className="hover:underline">
          Progress reports
        </Link>{" "}
        · run {run.id}
      </p>
      <PageHeader
        title={`Report run ${run.id}: ${forWhom ?? SCOPE_LABEL[run.scope]}`}
        description={`${SCOPE_LABEL[run.scope]} · started ${formatDateTime(run.createdAt)} by ${run.by ?? "the schedule"} · ${run.queued} of ${run.total} reports queued`}
        actions={run.status === "running" ? <ResumeRunButton runId={run.id} /> : <Badge variant="success">Done</Badge>}
      />
      <SectionCard
        title="Read receipts"
        description="A recipient has opened their link once the result page was viewed from it (not a preview, and not by a signed-in staff member)."
        contentClassName="space-y-4"
      >
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" data-testid="receipt-counts">
          <Figure label="Recipients" value={counts.recipients} testId="receipts-recipients" />
          <Figure label="Opened their link" value={counts.opened} testId="receipts-opened" />
          <Figure label="Not opened yet" value={counts.unopened} testId="receipts-unopened" />
          <Figure label="Link revoked" value={counts.revoked} testId="receipts-revoked" />
        </dl>
        <ResendUnopenedButton runId={run.id} unopened={counts.resendable} />
        {recentlyResent > 0 && (
          <p className="text-sm text-muted-foreground" data-testid="recently-resent">
            {recentlyResent === 1 ? "One recipient was" : `${recentlyResent} recipients were`} resent in the last {RESEND_WINDOW_MINUTES} minutes and{" "}
            {recentlyResent === 1 ? "is" : "are"} not resent again until then.
          </p>
        )}
      </SectionCard>
      <section className="mt-6 space-y-3" aria-labelledby="recipients-heading">
        <h2 id="recipients-heading" className="text-lg font-semibold">
          {show === "unopened" ? "Who has not opened their link" : show === "opened" ? "Who opened their link" : "Every recipient"}
        </h2>
        <ListToolbar
          searchPlaceholder="Search candidate, guardian or email"
          filters={[
            {
              key: "show",
              label: "Show",
              allLabel: "Not opened yet",
              options: [
                { value: "opened", label: "Opened" },
                { value: "all", label: "Everyone" },
              ],
            },
          ]}
        />
        <ReceiptsTable
          data={page.rows.map((r) => ({
            ...r,
            sentAt: r.sentAt?.toISOString() ?? null,
            firstOpenedAt: r.firstOpenedAt?.toISOString() ?? null,
            lastOpenedAt: r.lastOpenedAt?.toISOString() ?? null,
            revokedAt: r.revokedAt?.toISOString() ?? null,
            resentAt: r.resentAt?.toISOString() ?? null,
          }))}
          total={page.total}
          page={page.page}
          size={page.size}
          sort={list.sort}
          dir={list.dir}
          emptyTitle={show === "unopened" ? "Everyone has opened their link" : show === "opened" ? "Nobody has opened their link yet" : "No recipients"}
        />
      </section>
    </>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="rounded-lg border p-3">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value.toLocaleString("en-IN")}
      </dd>
    </div>
  );
}
