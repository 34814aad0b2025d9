import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { first, type SearchParams } from "@/lib/list";
import { formatDateTime } from "@/lib/format";
import { listCourseOptions } from "@/db/queries/courses";
import { listPrograms } from "@/db/queries/programs";
import { listTerms } from "@/db/queries/terms";
import { listReportRuns } from "@/db/queries/reports";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { ReportStarter, ResumeRunButton } from "@/components/reports/report-runner";

export const metadata: Metadata = { title: "Progress reports" };

export default async function ReportsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("reports.send");
  const sp = await searchParams;
  const [courses, programs, terms, runs] = await Promise.all([listCourseOptions(user), listPrograms(), listTerms(), listReportRuns(user)]);
  const courseId = Number(first(sp.courseId)) || undefined;
  return (
    <>
      <PageHeader title="Progress reports" description="Email each candidate's results, with a personal link to their result page." />
      <SectionCard title="Send">
        <ReportStarter
          isAdmin={user.role === "admin"}
          courses={courses.map((c) => ({ id: c.id, label: `${c.code} ${c.name} · ${c.termName}` }))}
          programs={programs.map((p) => ({ id: p.id, label: `${p.code} — ${p.name}` }))}
          terms={terms.map((t) => ({ id: t.id, label: t.name }))}
          initial={{ courseId }}
        />
      </SectionCard>
      <SectionCard className="mt-6" title="Runs">
        {runs.length === 0 ? (
          <EmptyState title="No reports sent yet" />
        ) : (
          <Table data-testid="report-runs">
            <TableHeader>
              <TableRow>
                <TableHead>#</TableHead>
                <TableHead>For</TableHead>
                <TableHead>By</TableHead>
                <TableHead>Started</TableHead>
                <TableHead className="text-right">Queued</TableHead>
                <TableHead>State</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.id}</TableCell>
                  <TableCell>
                    {/* The run's page: who opened their link, and a resend to those who have not. */}
                    <Link href={`/reports/${r.id}`} className="font-medium text-primary hover:underline">
                      {r.scope === "candidate" ? r.candidateName : r.scope === "course" ? r.courseCode : r.termName}
                    </Link>
                  </TableCell>
                  <TableCell>{r.by ?? "Scheduled"}</TableCell>
                  <TableCell>{formatDateTime(r.createdAt)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {user.role === "admin" ? (
                      <Link href={`/admin/outbox?run=${r.id}`} className="hover:underline">
                        {r.queued} / {r.total}
                      </Link>
                    ) : (
                      `${r.queued} / ${r.total}`
                    )}
                  </TableCell>
                  <TableCell>{r.status === "running" ? <ResumeRunButton runId={r.id} /> : <Badge variant="success">Done</Badge>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </SectionCard>
    </>
  );
}
