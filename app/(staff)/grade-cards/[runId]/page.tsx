import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { Download } from "lucide-react";
import { requirePermission } from "@/lib/auth/current-user";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { first, type SearchParams } from "@/lib/list";
import { formatDateTime } from "@/lib/format";
import { describeGradeCardRun, listGradeCardFiles } from "@/db/queries/grade-card-runs";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { ListToolbar } from "@/components/tables/list-toolbar";
import { DownloadLink, ResumeGradeCardRun } from "@/components/grade-cards/grade-card-runner";

export const metadata: Metadata = { title: "Grade card run" };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export default async function GradeCardRunPage({ params, searchParams }: { params: Promise<{ runId: string }>; searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("marks.read");
  const runId = idParam((await params).runId);
  const sp = await searchParams;
  const q = first(sp.q)?.slice(0, 200);
  const page = Math.max(1, Number(first(sp.page)) || 1);
  const { run, title } = await loadOr404(describeGradeCardRun(user, runId));
  const files = await listGradeCardFiles(user, runId, { q, page });
  const made = run.done;
  const hrefFor = (p: number) => `/grade-cards/${runId}?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <p className="text-sm text-muted-foreground">
        <Link href="/grade-cards" className="hover:underline">
          Grade cards
        </Link>{" "}
        · Run {run.id}
      </p>
      <PageHeader
        title={title}
        description={`Started ${formatDateTime(run.createdAt)} · ${run.done} of ${run.total} candidates done`}
        actions={
          run.status === "running" ? (
            <ResumeGradeCardRun runId={run.id} />
          ) : made > 0 ? (
            <DownloadLink href={`/api/grade-card-runs/${run.id}/zip`} testId="download-zip">
              <Download className="size-4" aria-hidden /> All cards (ZIP)
            </DownloadLink>
          ) : null
        }
      />
      <SectionCard title="Cards" description={run.status === "running" ? <Badge variant="warning">Still running: resume to make the rest</Badge> : undefined}>
        <ListToolbar searchPlaceholder="Search by name or number" />
        {files.rows.length === 0 ? (
          <EmptyState title={q ? "No card matches" : "No cards yet"} />
        ) : (
          <Table data-testid="grade-card-files">
            <TableHeader>
              <TableRow>
                <TableHead>Candidate</TableHead>
                <TableHead className="hidden sm:table-cell">Number</TableHead>
                <TableHead className="hidden text-right sm:table-cell">Size</TableHead>
                <TableHead>PDF</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {files.rows.map((f) => (
                <TableRow key={f.candidateId}>
                  <TableCell className="font-medium">
                    {f.fullName}
                    {/* On a phone the number sits under the name, so the download stays in view. */}
                    <span className="block text-xs font-normal text-muted-foreground sm:hidden">{f.candidateNumber}</span>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{f.candidateNumber}</TableCell>
                  <TableCell className="hidden text-right tabular-nums sm:table-cell">{f.size ? kb(f.size) : "—"}</TableCell>
                  <TableCell>
                    {f.size ? (
                      <DownloadLink href={`/api/grade-card-runs/${run.id}/files/${f.candidateId}`} testId={`download-card-${f.candidateId}`}>
                        <Download className="size-4" aria-hidden /> <span className="sr-only">Grade card of {f.fullName}, </span>Download
                      </DownloadLink>
                    ) : (
                      <span className="text-sm text-muted-foreground">No results in this term</span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <Pagination page={files.page} total={files.total} pageSize={files.pageSize} hrefFor={hrefFor} />
      </SectionCard>
    </>
  );
}
