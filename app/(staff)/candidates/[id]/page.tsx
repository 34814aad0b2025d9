import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { AlertTriangle, Download, ShieldOff } from "lucide-react";
import { requirePermission } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { idParam } from "@/lib/params";
import { loadOr404 } from "@/lib/page-data";
import { formatDate, formatDateTime } from "@/lib/format";
import { formatPercent } from "@/lib/results";
import { formatGpa } from "@/lib/results/gpa";
import { mergeTrends } from "@/lib/results/chart";
import { formatCell } from "@/lib/gradebook/cell";
import { getCandidate } from "@/db/queries/candidates";
import { candidateResults } from "@/db/queries/results";
import { candidateMarkHistory } from "@/db/queries/marks";
import { openAlertsFor } from "@/db/queries/alerts";
import { SectionCard } from "@/components/ui/section-card";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { SchemeTrace } from "@/components/results/scheme-trace";
import { MarkNeeded } from "@/components/results/mark-needed";
import { WhatIf } from "@/components/results/what-if";
import { OUTCOME_LABELS } from "@/lib/results/trace";
import { NotesEditor } from "@/components/candidates/notes-editor";
import { StatusMenu } from "@/components/candidates/status-menu";
import { TrendChartLazy as TrendChart } from "@/components/charts/trend-chart-lazy";
import { InteractionsPanel } from "@/components/crm/interactions-panel";
import { TasksPanel } from "@/components/crm/tasks-panel";
import { EmailsSent } from "@/components/crm/emails-sent";
import { ResultLinks } from "@/components/candidates/result-links";
import { SendOneReportButton } from "@/components/reports/report-runner";
import { EraseCandidateDialog } from "@/components/candidates/erase-candidate-dialog";
import { AttendanceSection } from "@/components/candidates/attendance-section";
import { RemarksEditor } from "@/components/candidates/remarks-editor";
import { remarksOfCandidate, writableRemarkTerms, type Remarks } from "@/db/queries/remarks";

export const metadata: Metadata = { title: "Candidate" };

export default async function CandidatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePermission("candidates.read");
  const id = idParam((await params).id);
  const c = await loadOr404(getCandidate(user, id));
  const seesMarks = can(user.role, "marks.read");
  const [results, history, openAlerts, remarks] = await Promise.all([
    seesMarks ? candidateResults(user, id) : Promise.resolve(null),
    seesMarks ? candidateMarkHistory(user, id, 30) : Promise.resolve([]),
    openAlertsFor(user, id),
    seesMarks ? remarksOfCandidate(user, id) : Promise.resolve(new Map<number, Remarks>()),
  ]);
  const trend = results ? mergeTrends(results.courses.map((r) => ({ code: r.code, trend: r.trend }))) : null;
  const erased = c.erasedAt !== null;
  const remarkTerms =
    results && !erased
      ? await writableRemarkTerms(
          user,
          id,
          results.terms.map((t) => t.termId),
        )
      : new Set<number>();
  const canEditNotes = !erased && (can(user.role, "candidates.update") || (can(user.role, "candidates.notes") && c.advisorId === user.id));

  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm text-muted-foreground">
            <Link href="/candidates" className="hover:underline">
              Candidates
            </Link>{" "}
            · {c.candidateNumber}
          </p>
          <h1 className="flex items-center gap-3 text-2xl font-semibold tracking-tight">
            {c.fullName}
            {erased ? <Badge variant="secondary">erased</Badge> : <Badge variant={c.status === "active" ? "success" : "secondary"}>{c.status}</Badge>}
          </h1>
          <p className="text-sm text-muted-foreground">
            {c.programName ?? "No program"} · Advisor: {c.advisorName ?? "none"}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {!erased && can(user.role, "reports.send") && <SendOneReportButton candidateId={c.id} />}
          {!erased && can(user.role, "candidates.update") && (
            <>
              <StatusMenu candidateId={c.id} name={c.fullName} status={c.status} />
              <Link href={`/candidates/${c.id}/edit`} className={buttonVariants()}>
                Edit
              </Link>
            </>
          )}
        </div>
      </div>

      {c.erasedAt && (
        <SectionCard
          className="border-muted-foreground/30 bg-muted/40"
          data-testid="erased-state"
          icon={<ShieldOff className="size-4" aria-hidden />}
          title={`Erased on ${formatDate(c.erasedAt)}`}
          description={
            <>
              This candidate&apos;s personal data was erased at their request. Marks, attendance and results are kept without their name so course figures stay
              as they were; the record can no longer be edited or emailed.
            </>
          }
        />
      )}

      {openAlerts.length > 0 && (
        <SectionCard
          className="border-destructive/40"
          data-testid="open-alerts"
          icon={<AlertTriangle className="size-4 text-destructive" aria-hidden />}
          title="At risk"
        >
          <ul className="space-y-1 text-sm">
            {openAlerts.map((a) => (
              <li key={a.id}>
                {a.message} <span className="text-muted-foreground">· since {formatDate(a.raisedAt)}</span>
                {a.acknowledgedAt && (
                  <Badge variant="outline" className="ml-2">
                    acknowledged
                  </Badge>
                )}
              </li>
            ))}
          </ul>
        </SectionCard>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <SectionCard className="lg:col-span-2" title="Profile">
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <Item label="Email">{c.email ?? "—"}</Item>
            <Item label="Phone">{c.phone ?? "—"}</Item>
            <Item label="Date of birth">{formatDate(c.dateOfBirth)}</Item>
            <Item label="Enrolled">{formatDate(c.enrolledOn)}</Item>
            <Item label="Program">{c.programCode ? `${c.programCode} — ${c.programName}` : "—"}</Item>
            <Item label="Institution">{c.institutionName ?? "—"}</Item>
            <Item label="Email reports">{c.consentToEmail ? "Consented" : "Not consented"}</Item>
            <Item label="From lead">
              {c.leadId ? (
                <Link href={`/leads/${c.leadId}`} className="text-primary hover:underline">
                  {c.leadName}
                </Link>
              ) : (
                "—"
              )}
            </Item>
          </dl>
          <div className="mt-6 space-y-2">
            <h3 className="text-sm font-medium">Notes</h3>
            {canEditNotes ? <NotesEditor candidateId={c.id} notes={c.notes} /> : <p className="whitespace-pre-wrap text-sm">{c.notes ?? "—"}</p>}
          </div>
        </SectionCard>
        <SectionCard title="Guardians">
          {c.guardians.length === 0 ? (
            <p className="text-sm text-muted-foreground">{erased ? "Erased." : "No guardians recorded."}</p>
          ) : (
            <ul className="space-y-3 text-sm" data-testid="guardians">
              {c.guardians.map((g) => (
                <li key={g.id}>
                  <p className="font-medium">
                    {g.fullName} {g.relationship && <span className="font-normal text-muted-foreground">({g.relationship})</span>}
                  </p>
                  <p className="text-muted-foreground">{[g.email, g.phone].filter(Boolean).join(" · ") || "No contact details"}</p>
                  <p className="text-xs text-muted-foreground">
                    Prefers {g.preferredContact} · {g.receivesReports ? "receives reports" : "no reports"}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
      </div>

      {results && (
        <SectionCard
          title="Results"
          description={
            <>
              Overall {formatPercent(results.overall.percent)} (credit-weighted over {results.overall.credits} credits). Open a course to see how its result was
              computed.
            </>
          }
          contentClassName="space-y-6"
        >
          {results.courses.length === 0 && <p className="text-sm text-muted-foreground">Not enrolled in any course you can see.</p>}
          {results.courses.length > 0 && (
            <dl className="grid gap-3 rounded-lg bg-muted/50 p-3 text-sm sm:grid-cols-2 sm:p-4" data-testid="gpa-summary">
              <div>
                <dt className="text-muted-foreground">CGPA</dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid="cgpa">
                  {formatGpa(results.gpa.cgpa, results.gpa.policy.places)} CGPA
                </dd>
                <dd className="text-xs text-muted-foreground">
                  {results.gpa.cgpa.credits} credits graded, {results.gpa.cgpa.earned} earned
                  {user.role !== "admin" && " · over the courses you can see"}
                </dd>
              </div>
              <div>
                <dt className="text-muted-foreground">Percentage</dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid="cgpa-percent">
                  {formatPercent(results.gpa.percent, 2)}
                </dd>
                <dd className="text-xs text-muted-foreground" data-testid="cgpa-formula">
                  {results.gpa.conversion.formula}
                </dd>
              </div>
            </dl>
          )}
          {results.terms.map((t) => (
            <section key={t.termId} className="space-y-3">
              <h3 className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm font-semibold">
                <span>{t.termName}</span>
                <span className="text-right font-normal text-muted-foreground">
                  Term result {formatPercent(t.overall.percent)} ·{" "}
                  <span className="whitespace-nowrap font-semibold text-foreground tabular-nums" data-testid="sgpa">
                    {formatGpa(t.sgpa, results.gpa.policy.places)} SGPA
                  </span>{" "}
                  ·{" "}
                  <a href={`/api/grade-cards/${id}?term=${t.termId}`} download className="text-primary hover:underline" data-testid={`grade-card-${t.termId}`}>
                    Grade card (PDF)<span className="sr-only">, {t.termName}</span>
                  </a>
                </span>
              </h3>
              {t.courses.map((r) => (
                <details key={r.courseId} className="group rounded-lg border" data-testid={`course-result-${r.courseId}`}>
                  <summary className="flex cursor-pointer list-none flex-wrap items-center gap-x-6 gap-y-1 px-4 py-3 marker:hidden">
                    <span className="min-w-48 flex-1 font-medium">
                      {r.code} {r.name}
                    </span>
                    <span className="tabular-nums" data-testid="course-percent">
                      {formatPercent(r.result.shown)}
                    </span>
                    <span className="w-8 text-center font-semibold" data-testid="course-grade">
                      {r.grade ?? "—"}
                    </span>
                    <span className="w-14 text-sm tabular-nums text-muted-foreground" data-testid="course-points" title="Grade points">
                      {r.gradePoints ? `${r.gradePoints.points} pts` : "—"}
                    </span>
                    <span className="text-sm text-muted-foreground">{r.credits} cr</span>
                    {r.attempts > 1 && (
                      <Badge variant="outline" data-testid="course-attempt">
                        Attempt {r.attempt}
                      </Badge>
                    )}
                    {r.schemeResult.outcome && (
                      <Badge variant={OUTCOME_VARIANT[r.schemeResult.outcome]} data-testid="course-outcome">
                        {OUTCOME_LABELS[r.schemeResult.outcome]}
                      </Badge>
                    )}
                    <span className="text-sm text-muted-foreground">Attendance {formatPercent(r.attendance.rate)}</span>
                    <span className="text-xs text-primary group-open:hidden">How this was computed ▸</span>
                  </summary>
                  <div className="space-y-3 border-t px-3 py-3 sm:px-4">
                    <SchemeTrace
                      scheme={r.scheme}
                      result={r.schemeResult}
                      bands={r.bands}
                      feedback={new Map(r.marks.map((m) => [m.assessmentId, m.feedback]))}
                      held={new Set(r.assessments.filter((a) => a.published && !a.released).map((a) => a.id))}
                    />
                    <MarkNeeded scheme={r.scheme} assessments={r.assessments} marks={r.marks} attendanceRate={r.attendanceRate} bands={r.bands} />
                    {!erased && (
                      <WhatIf
                        courseLabel={`${r.code} ${r.name}`}
                        scheme={r.scheme}
                        assessments={r.assessments.map((a) => ({
                          id: a.id,
                          name: a.name,
                          maxScore: a.maxScore,
                          weight: a.weight,
                          published: a.published,
                          componentKey: a.componentKey,
                          neverDrop: a.neverDrop,
                        }))}
                        marks={r.marks.map((m) => ({ assessmentId: m.assessmentId, score: m.score, status: m.status }))}
                        attendanceRate={r.attendanceRate}
                        bands={r.bands}
                      />
                    )}
                  </div>
                </details>
              ))}
              <TermRemarks
                candidateId={id}
                termId={t.termId}
                termName={t.termName}
                remarks={remarks.get(t.termId) ?? null}
                editable={remarkTerms.has(t.termId)}
              />
            </section>
          ))}
        </SectionCard>
      )}

      {can(user.role, "eligibility.read") && <AttendanceSection user={user} candidateId={c.id} candidateName={c.fullName} erased={erased} />}

      {trend && (
        <SectionCard title="Trend" description="Each assessment's percentage, in date order.">
          <TrendChart data={trend.rows} series={trend.series} />
        </SectionCard>
      )}

      {seesMarks && (
        <SectionCard title="Mark history" description="Every change: old and new value, who, when and why.">
          {history.length === 0 ? (
            <p className="text-sm text-muted-foreground">No marks entered yet.</p>
          ) : (
            <ul className="space-y-2 text-sm" data-testid="candidate-mark-history">
              {history.map((h) => (
                <li key={h.id} className="flex flex-wrap gap-x-2">
                  <span className="font-medium">{h.assessmentName}:</span>
                  <span className="text-muted-foreground">{formatCell(h.oldStatus ? { score: h.oldScore, status: h.oldStatus } : null) || "empty"}</span>→
                  <span>{formatCell(h.newStatus ? { score: h.newScore, status: h.newStatus } : null) || "empty"}</span>
                  <span className="text-muted-foreground">
                    · {h.changedBy ?? "Markbook"}, {formatDateTime(h.changedAt)}
                    {h.reason ? ` · ${h.reason}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </SectionCard>
      )}

      {!erased && (
        <>
          <div className="grid gap-6 lg:grid-cols-2">
            <InteractionsPanel user={user} subject={{ kind: "candidate", id: c.id, name: c.fullName }} />
            <TasksPanel user={user} subject={{ kind: "candidate", id: c.id, name: c.fullName }} />
          </div>
          <div className="grid gap-6 lg:grid-cols-2">
            <ResultLinks user={user} candidateId={c.id} />
            <EmailsSent user={user} subject={{ kind: "candidate", id: c.id, name: c.fullName }} />
          </div>
        </>
      )}

      {can(user.role, "candidates.privacy") && (
        <SectionCard
          data-testid="privacy"
          title="Privacy"
          description={
            erased
              ? "The personal data was erased. The download holds what is left: figures and the trail of what was done."
              : "Everything held about this candidate as a file (subject access request), or erasure of their personal data (right to erasure). Both are recorded in the audit trail."
          }
          contentClassName="flex flex-wrap gap-2"
        >
          {/* A plain link: the browser downloads the attachment the route sends. */}
          <a href={`/api/candidates/${c.id}/export`} download className={buttonVariants({ variant: "outline" })}>
            <Download aria-hidden />
            Download data (JSON)
          </a>
          {!erased && <EraseCandidateDialog candidateId={c.id} candidateNumber={c.candidateNumber} name={c.fullName} />}
        </SectionCard>
      )}
    </div>
  );
}

const OUTCOME_VARIANT = { pass: "success", fail: "destructive", absent: "warning", pending: "secondary" } as const;

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}

/** A term's grade-card remarks: an editor for whoever may write them, else the text (if any) with who wrote it. */
function TermRemarks({
  candidateId,
  termId,
  termName,
  remarks,
  editable,
}: {
  candidateId: number;
  termId: number;
  termName: string;
  remarks: Remarks | null;
  editable: boolean;
}) {
  const by = remarks ? `${remarks.updatedBy ?? "someone"}, ${formatDateTime(remarks.updatedAt)}` : null;
  if (!editable && !remarks) return null;
  return (
    <div className="rounded-lg border border-dashed p-3 sm:p-4" data-testid={`remarks-${termId}`}>
      {editable ? (
        <RemarksEditor
          key={remarks?.version ?? 0}
          candidateId={candidateId}
          termId={termId}
          termName={termName}
          body={remarks?.body ?? null}
          version={remarks?.version ?? 0}
        />
      ) : (
        <>
          <p className="text-sm font-medium">Remarks on the grade card</p>
          <p className="whitespace-pre-line text-sm">{remarks!.body}</p>
        </>
      )}
      {by && <p className="mt-1 text-xs text-muted-foreground">Last saved by {by}</p>}
    </div>
  );
}
