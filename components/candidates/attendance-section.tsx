import Link from "@/components/ui/link";
import type { Actor } from "@/lib/actor";
import { formatDateTime } from "@/lib/format";
import { formatPercent } from "@/lib/results/round";
import { CONDONATION_STATUS_LABELS } from "@/lib/constants";
import { candidateEligibility } from "@/db/queries/eligibility";
import { SectionCard } from "@/components/ui/section-card";
import { Badge } from "@/components/ui/badge";
import { CondonationDialog } from "./condonation-dialog";

const STATUS = {
  eligible: { label: "Eligible", variant: "success" },
  condoned: { label: "Condoned", variant: "success" },
  condonable: { label: "Detained", variant: "warning" },
  detained: { label: "Detained", variant: "destructive" },
} as const;

/**
 * The candidate page's attendance section: each course's rate against its minimum, whether the
 * candidate may sit its exam, a condonation request where one can be made, and the requests so far.
 */
export async function AttendanceSection({
  user,
  candidateId,
  candidateName,
  erased,
}: {
  user: Actor;
  candidateId: number;
  candidateName: string;
  erased: boolean;
}) {
  const { courses, history } = await candidateEligibility(user, candidateId);
  const used = courses[0]?.condonationsUsed ?? 0;
  const max = courses[0]?.maxCondonations;
  return (
    <SectionCard
      title="Attendance and exam eligibility"
      description={
        <>
          Below a course&apos;s minimum attendance a candidate may sit its exam only with an approved condonation.
          {max !== undefined && ` Condonations used: ${used} of ${max}.`}
        </>
      }
      data-testid="attendance-eligibility"
    >
      {courses.length === 0 ? (
        <p className="text-sm text-muted-foreground">{user.role === "faculty" ? "Not enrolled in any course you teach." : "Not enrolled in any course."}</p>
      ) : (
        <ul className="divide-y rounded-lg border text-sm">
          {courses.map((c) => (
            <li key={c.courseId} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2 sm:px-4" data-testid={`eligibility-${c.courseId}`}>
              <span className="min-w-40 flex-1">
                <span className="font-medium">{c.courseCode}</span> {c.courseName}
                <span className="block text-xs text-muted-foreground">{c.termName}</span>
              </span>
              <span className="tabular-nums sm:w-32 sm:text-right" data-testid="eligibility-rate">
                {formatPercent(c.shown)} <span className="text-xs text-muted-foreground">of min. {c.minimum} %</span>
              </span>
              <span className="flex min-w-40 flex-col items-start gap-0.5 sm:w-56">
                <Badge variant={STATUS[c.status].variant} data-testid="eligibility-status">
                  {STATUS[c.status].label}
                </Badge>
                {c.reason && <span className="text-xs text-muted-foreground">{c.reason}</span>}
                {c.status === "condonable" && c.limitReached && (
                  <span className="text-xs text-destructive">Limit of {c.maxCondonations} condonations reached</span>
                )}
              </span>
              <span className="flex sm:w-44 sm:justify-end">
                {c.canRequest && !erased && (
                  <CondonationDialog
                    candidateId={candidateId}
                    candidateName={candidateName}
                    courseId={c.courseId}
                    courseCode={c.courseCode}
                    rate={formatPercent(c.shown)}
                    minimum={c.minimum}
                  />
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {history.length > 0 && (
        <div className="mt-4 space-y-2">
          <h3 className="text-sm font-medium">Condonation requests</h3>
          <ul className="space-y-2 text-sm" data-testid="condonation-history">
            {history.map((h) => (
              <li key={h.id} className="rounded border p-2">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{h.courseCode}</span>
                  <span className="text-muted-foreground">{h.termName}</span>
                  <Badge variant={h.status === "approved" ? "success" : h.status === "refused" ? "destructive" : "warning"}>
                    {CONDONATION_STATUS_LABELS[h.status]}
                  </Badge>
                  <span className="text-muted-foreground">at {formatPercent(h.rateAtRequest)}</span>
                </p>
                <p>
                  {h.reason}
                  {h.documentNote && <span className="text-muted-foreground"> · {h.documentNote}</span>}
                </p>
                <p className="text-xs text-muted-foreground">
                  Asked by {h.requestedBy ?? "a former user"}, {formatDateTime(h.requestedAt)}
                  {h.decidedAt &&
                    ` · ${CONDONATION_STATUS_LABELS[h.status].toLowerCase()} by ${h.decidedBy ?? "a former user"}, ${formatDateTime(h.decidedAt)}`}
                  {h.decisionNote && ` · “${h.decisionNote}”`}
                </p>
              </li>
            ))}
          </ul>
          <Link href={`/attendance/condonations?candidate=${candidateId}&state=all`} className="text-xs text-primary hover:underline">
            All of this candidate&apos;s requests
          </Link>
        </div>
      )}
    </SectionCard>
  );
}
