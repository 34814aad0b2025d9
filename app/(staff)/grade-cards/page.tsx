import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { first, type SearchParams } from "@/lib/list";
import { formatDateTime } from "@/lib/format";
import { listCourseOptions } from "@/db/queries/courses";
import { listPrograms } from "@/db/queries/programs";
import { listTerms } from "@/db/queries/terms";
import { listGradeCardRuns } from "@/db/queries/grade-card-runs";
import { PageHeader } from "@/components/shell/page-header";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { GradeCardStarter, ResumeGradeCardRun } from "@/components/grade-cards/grade-card-runner";

export const metadata: Metadata = { title: "Grade cards" };

export default async function GradeCardsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("marks.read");
  const sp = await searchParams;
  const isAdmin = user.role === "admin";
  const [courses, programs, terms, runs] = await Promise.all([
    listCourseOptions(user),
    isAdmin ? listPrograms() : Promise.resolve([]),
    isAdmin ? listTerms() : Promise.resolve([]),
    listGradeCardRuns(user),
  ]);
  const courseId = Number(first(sp.courseId)) || undefined;
  return (
    <>
      <PageHeader title="Grade cards" description="Printable PDF grade cards: credits, grade points, SGPA, CGPA and attendance, one per candidate." />
      <SectionCard title="Generate">
        <GradeCardStarter
          isAdmin={isAdmin}
          courses={courses.map((c) => ({ id: c.id, label: `${c.code} ${c.name} · ${c.termName}` }))}
          programs={programs.map((p) => ({ id: p.id, label: `${p.code} — ${p.name}` }))}
          terms={terms.map((t) => ({ id: t.id, label: t.name }))}
          initial={{ courseId }}
        />
      </SectionCard>
      <SectionCard className="mt-6" title="Runs">
        {runs.length === 0 ? (
          <EmptyState title="No grade cards generated yet" />
        ) : (
          <Table data-testid="grade-card-runs">
            <TableHeader>
              <TableRow>
                <TableHead className="hidden sm:table-cell">#</TableHead>
                <TableHead>For</TableHead>
                <TableHead className="hidden md:table-cell">By</TableHead>
                <TableHead className="hidden md:table-cell">Started</TableHead>
                <TableHead className="text-right">Cards</TableHead>
                <TableHead>State</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {runs.map((r) => (
                <TableRow key={r.id}>
                  <TableCell className="hidden sm:table-cell">{r.id}</TableCell>
                  <TableCell>
                    <Link href={`/grade-cards/${r.id}`} className="font-medium hover:underline">
                      {r.scope === "course" ? r.courseCode : r.scope === "program_term" ? r.programCode : "Whole term"} · {r.termName}
                    </Link>
                  </TableCell>
                  <TableCell className="hidden md:table-cell">{r.by ?? "—"}</TableCell>
                  <TableCell className="hidden md:table-cell">{formatDateTime(r.createdAt)}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {r.done} of {r.total}
                  </TableCell>
                  <TableCell>{r.status === "running" ? <ResumeGradeCardRun runId={r.id} /> : <Badge variant="success">Done</Badge>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </SectionCard>
    </>
  );
}
