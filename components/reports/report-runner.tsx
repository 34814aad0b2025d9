"use client";

import * as React from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { RunProgressBar, RunScopePicker, useBatchRun, useRunScope } from "@/components/forms/batch-run";
import { continueReportRunAction, startReportRunAction } from "@/app/(staff)/reports/actions";

type Option = { id: number; label: string };
type Progress = { runId: number; queued: number; total: number; sent: number; failed: number };

/** Drives a run batch by batch: the bar moves as reports are queued and sent; leaving is safe. */
export function useRunDriver() {
  const [progress, setProgress] = React.useState<Progress | null>(null);
  // This drive's own counts (a resumed run counts again from its resumption).
  const counted = React.useRef({ runId: 0, sent: 0, failed: 0 });
  const { running, drive } = useBatchRun({
    step: (runId) => continueReportRunAction(null, { runId }),
    onBatch: (runId, r) => {
      const c = counted.current.runId === runId ? counted.current : { runId, sent: 0, failed: 0 };
      counted.current = { runId, sent: c.sent + r.sent, failed: c.failed + r.failed };
      setProgress({ queued: r.queued, total: r.total, ...counted.current });
    },
    finished: (r) => {
      if (!r.done) return null;
      const { failed } = counted.current;
      counted.current = { runId: 0, sent: 0, failed: 0 };
      return `Reports sent: ${r.queued}${failed ? ` (${failed} failed, will retry)` : ""}`;
    },
  });
  return { progress, running, drive };
}

export function RunProgress({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  return (
    <RunProgressBar label="Reports sent" done={progress.queued} total={progress.total} testId="report-progress">
      {() => (
        <>
          {progress.queued} of {progress.total} reports queued · {progress.sent} sent
          {progress.failed ? ` · ${progress.failed} failed (retried automatically)` : ""}
        </>
      )}
    </RunProgressBar>
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
  initial?: { courseId?: number };
}) {
  const { input, ready, state } = useRunScope({ courses, programs, terms, initial });
  const { progress, running, drive } = useRunDriver();
  const start = async () => {
    const r = await startReportRunAction(null, input);
    if (!r.ok) return void toast.error(r.message);
    if (r.data.total === 0) return void toast.info("Nobody in this group receives reports by email (no guardian or candidate with an address and consent).");
    await drive(r.data.runId);
  };
  return (
    <div className="space-y-4">
      <RunScopePicker label="Send to" isAdmin={isAdmin} courses={courses} programs={programs} terms={terms} state={state} />
      <Button onClick={start} disabled={running || !ready}>
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
