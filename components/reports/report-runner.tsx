"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { continueReportRunAction, startReportRunAction } from "@/app/(staff)/reports/actions";

type Option = { id: number; label: string };
type Scope = "candidate" | "course" | "program_term" | "term";

/** Drives a run batch by batch: the bar moves as reports are queued and sent; leaving is safe. */
export function useRunDriver() {
  const router = useRouter();
  const [progress, setProgress] = React.useState<{ queued: number; total: number; sent: number; failed: number } | null>(null);
  const [running, setRunning] = React.useState(false);
  const drive = React.useCallback(
    async (runId: number) => {
      setRunning(true);
      let sent = 0;
      let failed = 0;
      for (;;) {
        const r = await continueReportRunAction(null, { runId });
        if (!r.ok) {
          toast.error(r.message);
          break;
        }
        sent += r.data.sent;
        failed += r.data.failed;
        setProgress({ queued: r.data.queued, total: r.data.total, sent, failed });
        if (r.data.done) {
          toast.success(`Reports sent: ${r.data.queued}${failed ? ` (${failed} failed, will retry)` : ""}`);
          break;
        }
      }
      setRunning(false);
      router.refresh();
    },
    [router],
  );
  return { progress, running, drive };
}

export function RunProgress({ progress }: { progress: { queued: number; total: number; sent: number; failed: number } | null }) {
  if (!progress) return null;
  const pct = progress.total ? Math.round((progress.queued / progress.total) * 100) : 100;
  return (
    <div className="space-y-1" data-testid="report-progress">
      <div
        role="progressbar"
        aria-label="Reports sent"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded bg-muted"
      >
        <div className="h-full bg-primary transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-sm text-muted-foreground">
        {progress.queued} of {progress.total} reports queued · {progress.sent} sent
        {progress.failed ? ` · ${progress.failed} failed (retried automatically)` : ""}
      </p>
    </div>
  );
}

export function ReportStarter({
  courses,
  programs,
  terms,
  isAdmin,
  initial,
}: {
  courses: Option[];
  programs: Option[];
  terms: Option[];
  isAdmin: boolean;
  initial?: { scope?: Scope; courseId?: number };
}) {
  const [scope, setScope] = React.useState<Scope>(initial?.scope ?? "course");
  const [courseId, setCourseId] = React.useState(String(initial?.courseId ?? courses[0]?.id ?? ""));
  const [programId, setProgramId] = React.useState(String(programs[0]?.id ?? ""));
  const [termId, setTermId] = React.useState(String(terms[0]?.id ?? ""));
  const { progress, running, drive } = useRunDriver();
  const start = async () => {
    const input =
      scope === "course"
        ? { kind: "course" as const, courseId }
        : scope === "program_term"
          ? { kind: "program_term" as const, programId, termId }
          : { kind: "term" as const, termId };
    const r = await startReportRunAction(null, input);
    if (!r.ok) return void toast.error(r.message);
    if (r.data.total === 0) return void toast.info("Nobody in this group receives reports by email (no guardian or candidate with an address and consent).");
    await drive(r.data.runId);
  };
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="grid gap-1.5 text-sm font-medium">
          Send to
          <NativeSelect value={scope} onChange={(e) => setScope(e.target.value as Scope)}>
            <option value="course">Everyone in a course</option>
            {isAdmin && <option value="program_term">A program in a term</option>}
            {isAdmin && <option value="term">Everyone in a term</option>}
          </NativeSelect>
        </label>
        {scope === "course" && (
          <label className="grid gap-1.5 text-sm font-medium">
            Course
            <NativeSelect value={courseId} onChange={(e) => setCourseId(e.target.value)}>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          </label>
        )}
        {scope === "program_term" && (
          <label className="grid gap-1.5 text-sm font-medium">
            Program
            <NativeSelect value={programId} onChange={(e) => setProgramId(e.target.value)}>
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </NativeSelect>
          </label>
        )}
        {(scope === "program_term" || scope === "term") && (
          <label className="grid gap-1.5 text-sm font-medium">
            Term
            <NativeSelect value={termId} onChange={(e) => setTermId(e.target.value)}>
              {terms.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </NativeSelect>
          </label>
        )}
      </div>
      <Button onClick={start} disabled={running}>
        {running ? "Sending…" : "Send progress reports"}
      </Button>
      <p className="text-xs text-muted-foreground">
        Each guardian who receives reports, and each candidate who agreed to email, gets a personal result-page link. A run never sends the same report twice;
        if you leave, resume it below.
      </p>
      <RunProgress progress={progress} />
    </div>
  );
}

export function ResumeRunButton({ runId }: { runId: number }) {
  const { progress, running, drive } = useRunDriver();
  return (
    <div className="space-y-1">
      <Button size="sm" variant="outline" disabled={running} onClick={() => drive(runId)}>
        {running ? "Resuming…" : "Resume"}
      </Button>
      <RunProgress progress={progress} />
    </div>
  );
}

export function SendOneReportButton({ candidateId }: { candidateId: number }) {
  const { running, drive } = useRunDriver();
  return (
    <Button
      variant="outline"
      disabled={running}
      onClick={async () => {
        const r = await startReportRunAction(null, { kind: "candidate", candidateId });
        if (!r.ok) return void toast.error(r.message);
        if (r.data.total === 0) return void toast.info("No guardian receives reports by email, and the candidate has not agreed to email.");
        await drive(r.data.runId);
      }}
    >
      {running ? "Sending…" : "Send progress report"}
    </Button>
  );
}
