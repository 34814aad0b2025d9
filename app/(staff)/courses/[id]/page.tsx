import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { Lock } from "lucide-react";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDate } from "@/lib/format";
import { formatPercent } from "@/lib/results";
import { getCourse } from "@/db/queries/courses";
import { listPrograms } from "@/db/queries/programs";
import { listTerms } from "@/db/queries/terms";
import { listAssessments } from "@/db/queries/assessments";
import { courseRoster } from "@/db/queries/results";
import { listStaff } from "@/db/queries/users";
import { detainedInCourse } from "@/db/queries/eligibility";
import { DetainedNote } from "@/components/courses/detained-note";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { AssessmentDialog } from "@/components/courses/assessment-dialog";
import { RemoveAssessmentButton, RestoreAssessmentButton } from "@/components/courses/assessment-actions";
import { EnrolDialog } from "@/components/courses/enrol-dialog";
import { CourseFormDialog } from "@/components/tables/courses/course-form-dialog";
import { DeleteButton } from "@/components/crm/delete-button";
import { deleteCourseAction } from "../actions";

export const metadata: Metadata = { title: "Course" };

export default async function CoursePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("courses.read");
  const id = idParam((await params).id);
  const course = await loadOr404(getCourse(user, id));
  const [all, roster] = await Promise.all([loadOr404(listAssessments(user, id, { includeArchived: true })), loadOr404(courseRoster(user, id))]);
  const active = all.filter((a) => !a.archived);
  const archived = all.filter((a) => a.archived);
  const totalWeight = active.filter((a) => a.published).reduce((s, a) => s + a.weight, 0);
  const canEdit = can(user.role, "assessments.manage") && !course.termLocked;
  const admin = can(user.role, "academics.manage");
  const [programs, terms, staff] = admin ? await Promise.all([listPrograms(), listTerms(), listStaff(user)]) : [[], [], []];
  const detained = can(user.role, "eligibility.read") ? await detainedInCourse(user, id) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm text-muted-foreground">
            {course.programCode} · {course.termName} · {course.credits} credits ·{" "}
            <span data-testid="course-attendance-minimum">
              attendance minimum {course.attendanceMinimum} %{course.minAttendance === null ? " (the program’s)" : " (this course’s own)"}
            </span>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">
            {course.code} {course.name}
          </h1>
          <p className="text-sm text-muted-foreground">Taught by {course.teachers.map((t) => t.fullName).join(", ") || "nobody yet"}</p>
          <DetainedNote detained={detained} courseId={id} />
        </div>
        <div className="flex flex-wrap gap-2">
          {course.termLocked && (
            <Badge variant="secondary" className="gap-1">
              <Lock className="size-3" aria-hidden /> Term locked
            </Badge>
          )}
          {admin && (
            <CourseFormDialog
              course={{
                id: course.id,
                code: course.code,
                name: course.name,
                programId: course.programId,
                termId: course.termId,
                credits: course.credits,
                minAttendance: course.minAttendance,
                teacherIds: course.teachers.map((t) => t.id),
              }}
              programs={programs.map((p) => ({ id: p.id, label: `${p.code} — ${p.name}` }))}
              terms={terms.map((t) => ({ id: t.id, label: t.name }))}
              faculty={staff.filter((s) => s.role !== "counsellor").map((s) => ({ id: s.id, label: s.fullName }))}
              trigger={<Button variant="outline">Edit course</Button>}
            />
          )}
          {/* Only a course with nothing in it can go (one made by mistake): marks are never thrown away. */}
          {admin && all.length === 0 && roster.length === 0 && (
            <DeleteButton
              id={id}
              label={course.code}
              description="The course and its teachers are removed. It has no assessments and nobody is enrolled."
              action={deleteCourseAction}
              redirectTo="/courses"
            />
          )}
          {can(user.role, "reports.send") && (
            <Link href={`/reports?courseId=${id}`} className={buttonVariants({ variant: "outline" })}>
              Send progress reports
            </Link>
          )}
          {can(user.role, "marks.read") && (
            <Link href={`/grade-cards?courseId=${id}`} className={buttonVariants({ variant: "outline" })}>
              Generate grade cards
            </Link>
          )}
          <Link href={`/courses/${id}/gradebook`} className={buttonVariants()}>
            Open gradebook
          </Link>
        </div>
      </div>

      <SectionCard
        title="Assessments and weights"
        description={`Each published assessment's share of the course is its weight over the total published weight (${totalWeight}).`}
        actions={canEdit && <AssessmentDialog courseId={id} />}
      >
        {active.length === 0 ? (
          <EmptyState title="No assessments yet" description="Add quizzes, assignments, tests, projects and exams with their maximum score and weight." />
        ) : (
          <Table data-testid="assessments-table">
            <TableHeader>
              <TableRow>
                <TableHead>Assessment</TableHead>
                <TableHead>Kind</TableHead>
                <TableHead className="text-right">Max</TableHead>
                <TableHead className="text-right">Weight</TableHead>
                <TableHead className="text-right">Share of course</TableHead>
                <TableHead>Due</TableHead>
                <TableHead className="text-right">Marks</TableHead>
                {canEdit && <TableHead className="sr-only">Actions</TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {active.map((a) => (
                <TableRow key={a.id}>
                  <TableCell className="font-medium">
                    {a.name} {!a.published && <Badge variant="outline">Draft — not counted</Badge>}{" "}
                    {a.published && !a.released && <Badge variant="outline">Held from parents</Badge>}
                  </TableCell>
                  <TableCell className="capitalize">{a.kind}</TableCell>
                  <TableCell className="text-right tabular-nums">{a.maxScore}</TableCell>
                  <TableCell className="text-right tabular-nums">{a.weight}</TableCell>
                  <TableCell className="text-right tabular-nums" data-testid={`share-${a.id}`}>
                    {a.published && totalWeight > 0 ? formatPercent((a.weight / totalWeight) * 100) : "—"}
                  </TableCell>
                  <TableCell>{formatDate(a.dueOn)}</TableCell>
                  <TableCell className="text-right tabular-nums">{a.markCount}</TableCell>
                  {canEdit && (
                    <TableCell className="text-right">
                      <AssessmentDialog
                        courseId={id}
                        assessment={a}
                        trigger={
                          <Button variant="ghost" size="sm">
                            Edit
                          </Button>
                        }
                      />
                      <RemoveAssessmentButton id={a.id} courseId={id} name={a.name} markCount={a.markCount} />
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <TableCell colSpan={3}>Total published weight</TableCell>
                <TableCell className="text-right tabular-nums">{totalWeight}</TableCell>
                <TableCell className="text-right tabular-nums">{totalWeight > 0 ? "100.0%" : "—"}</TableCell>
                <TableCell colSpan={canEdit ? 3 : 2} />
              </TableRow>
            </TableFooter>
          </Table>
        )}
        {archived.length > 0 && (
          <div className="mt-4 space-y-2">
            <h3 className="text-sm font-medium">Archived (marks kept, not counted)</h3>
            <ul className="space-y-1 text-sm">
              {archived.map((a) => (
                <li key={a.id} className="flex items-center gap-3">
                  <span>
                    {a.name} · {a.markCount} marks
                  </span>
                  {canEdit && <RestoreAssessmentButton id={a.id} courseId={id} name={a.name} />}
                </li>
              ))}
            </ul>
          </div>
        )}
      </SectionCard>

      <SectionCard
        title={`Candidates (${roster.filter((r) => r.status === "active").length} enrolled)`}
        description="Results and attendance update as marks and registers are saved."
        actions={
          can(user.role, "enrolments.manage") && <EnrolDialog courseId={id} programs={programs.map((p) => ({ id: p.id, label: `${p.code} — ${p.name}` }))} />
        }
      >
        {roster.length === 0 ? (
          <EmptyState title="Nobody is enrolled" description="An admin enrols candidates, one by one or in bulk." />
        ) : (
          <Table data-testid="roster-table">
            <TableHeader>
              <TableRow>
                <TableHead>Candidate</TableHead>
                <TableHead>Number</TableHead>
                <TableHead className="text-right">Result</TableHead>
                <TableHead className="text-center">Grade</TableHead>
                <TableHead className="text-right">Attendance</TableHead>
                <TableHead>Alerts</TableHead>
                <TableHead>Enrolment</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {roster.map((r) => (
                <TableRow key={r.enrolmentId}>
                  <TableCell>
                    <Link href={`/candidates/${r.candidateId}`} className="font-medium text-primary hover:underline">
                      {r.fullName}
                    </Link>
                  </TableCell>
                  <TableCell className="text-muted-foreground">{r.candidateNumber}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatPercent(r.shown)}</TableCell>
                  <TableCell className="text-center font-semibold">{r.grade ?? "—"}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatPercent(r.attendanceShown)}</TableCell>
                  <TableCell>
                    {r.openAlerts ? <Badge variant="destructive">{r.openAlerts} open</Badge> : <span className="text-muted-foreground">—</span>}
                  </TableCell>
                  <TableCell className="capitalize">{r.status}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </SectionCard>
    </div>
  );
}
