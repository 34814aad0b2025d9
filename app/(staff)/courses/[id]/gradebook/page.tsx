import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { Lock } from "lucide-react";
import { requirePermission } from "@/lib/auth/current-user";
import { loadGradebook } from "@/db/queries/marks";
import { loadOr404 } from "@/lib/page-data";
import { GradebookGrid } from "@/components/gradebook/gradebook-grid";
import { buttonVariants } from "@/components/ui/button";
import { idParam } from "@/lib/params";

export const metadata: Metadata = { title: "Gradebook" };

export default async function GradebookPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("marks.read");
  const id = idParam((await params).id);
  const gb = await loadOr404(loadGradebook(user, id));
  const { course } = gb;
  return (
    <div className="flex h-full flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-muted-foreground">
            <Link href={`/courses/${course.id}`} className="hover:underline">
              {course.code} · {course.termName}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">Gradebook: {course.name}</h1>
        </div>
        <div className="flex items-center gap-2">
          {course.termLocked && (
            <span className="inline-flex items-center gap-1 rounded-md bg-muted px-2 py-1 text-sm" data-testid="locked-notice">
              <Lock className="size-4" aria-hidden /> Term locked — read only
            </span>
          )}
          <Link href={`/imports?kind=marks&courseId=${course.id}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Import marks (CSV)
          </Link>
          <Link href={`/courses/${course.id}`} className={buttonVariants({ variant: "outline", size: "sm" })}>
            Assessments &amp; weights
          </Link>
        </div>
      </div>
      {gb.assessments.length === 0 || gb.roster.length === 0 ? (
        <div className="rounded-lg border bg-card p-8 text-center text-sm text-muted-foreground" data-testid="gradebook-empty">
          {gb.assessments.length === 0
            ? "This course has no assessments yet. Add them on the course page, then enter marks here."
            : "No candidates are enrolled in this course yet."}
        </div>
      ) : (
        <GradebookGrid
          data={{
            courseId: course.id,
            courseLabel: `${course.code} ${course.name}`,
            locked: course.termLocked,
            bands: gb.bands,
            assessments: gb.assessments,
            roster: gb.roster,
            grid: gb.grid,
            scheme: gb.scheme,
            attendanceRates: gb.attendanceRates,
          }}
        />
      )}
    </div>
  );
}
