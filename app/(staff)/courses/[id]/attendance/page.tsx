import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDate } from "@/lib/format";
import { formatPercent, rateFormula } from "@/lib/results";
import { getCourse } from "@/db/queries/courses";
import { courseAttendancePolicy, listSessions } from "@/db/queries/attendance";
import { courseRoster } from "@/db/queries/results";
import { detainedInCourse } from "@/db/queries/eligibility";
import { DetainedNote } from "@/components/courses/detained-note";
import { SectionCard } from "@/components/ui/section-card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { EmptyState } from "@/components/ui/empty-state";
import { NewSessionDialog } from "@/components/courses/new-session-dialog";

export const metadata: Metadata = { title: "Attendance" };

export default async function AttendancePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("attendance.read");
  const id = idParam((await params).id);
  const course = await loadOr404(getCourse(user, id));
  const [sessions, roster, counting, detained] = await Promise.all([
    loadOr404(listSessions(user, id)),
    loadOr404(courseRoster(user, id)),
    loadOr404(courseAttendancePolicy(user, id)),
    can(user.role, "eligibility.read") ? loadOr404(detainedInCourse(user, id)) : Promise.resolve(null),
  ]);
  const special = sessions.some((s) => s.onDuty + s.medical > 0);
  const canWrite = can(user.role, "attendance.write") && !course.termLocked;
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm text-muted-foreground">
            {course.code} · {course.termName}
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">Attendance: {course.name}</h1>
          <DetainedNote detained={detained} courseId={id} />
        </div>
        {canWrite && <NewSessionDialog courseId={id} />}
      </div>
      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[3fr_2fr]">
        <SectionCard title="Sessions" description={`Attendance rate = ${rateFormula(counting)}.`}>
          {sessions.length === 0 ? (
            <EmptyState title="No sessions yet" description="Take attendance to open the first register." />
          ) : (
            <Table data-testid="sessions-table">
              <TableHeader>
                <TableRow>
                  <TableHead>Date</TableHead>
                  <TableHead>Topic</TableHead>
                  <TableHead className="text-right">Present</TableHead>
                  <TableHead className="text-right">Absent</TableHead>
                  {special && <TableHead className="text-right">On duty / medical</TableHead>}
                  <TableHead className="text-right">Rate</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {sessions.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell>
                      <Link href={`/courses/${id}/attendance/${s.id}`} className="font-medium text-primary hover:underline">
                        {formatDate(s.heldOn)}
                      </Link>
                    </TableCell>
                    <TableCell>{s.topic ?? "—"}</TableCell>
                    <TableCell className="text-right tabular-nums">{s.recorded ? s.present + s.late : "—"}</TableCell>
                    <TableCell className="text-right tabular-nums">{s.recorded ? s.absent : "—"}</TableCell>
                    {special && (
                      <TableCell className="text-right tabular-nums">
                        {s.recorded ? (
                          <>
                            {s.onDuty} / {s.medical}
                          </>
                        ) : (
                          "—"
                        )}
                      </TableCell>
                    )}
                    <TableCell className="text-right tabular-nums">{s.recorded ? formatPercent(s.rate.rate) : "Not taken"}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </SectionCard>
        <SectionCard title="By candidate">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Candidate</TableHead>
                <TableHead className="text-right">Attendance</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {roster.map((r) => (
                <TableRow key={r.enrolmentId}>
                  <TableCell>{r.fullName}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatPercent(r.attendanceShown)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </SectionCard>
      </div>
    </div>
  );
}
