"use client";

import * as React from "react";
import Link from "@/components/ui/link";
import { toast } from "sonner";
import { Button, buttonVariants } from "@/components/ui/button";
import { RunProgressBar, RunScopePicker, useBatchRun, useRunScope } from "@/components/forms/batch-run";
import { continueGradeCardRunAction, startGradeCardRunAction } from "@/app/(staff)/grade-cards/actions";

type Option = { id: number; label: string };
type Progress = { runId: number; done: number; total: number };

/** Drives a run batch by batch: the bar moves as cards are made; leaving is safe (resume later). */
export function useGradeCardDriver() {
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const { running, drive } = useBatchRun({
    step: (runId) => continueGradeCardRunAction(null, { runId }),
    onBatch: (runId, r) => setProgress({ runId, done: r.done, total: r.total }),
    finished: (r) => (r.finished ? `Grade cards made: ${r.done} of ${r.total}` : null),
  });
  return { progress, running, drive };
}

export function GradeCardProgress({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  return (
    <RunProgressBar label="Grade cards made" done={progress.done} total={progress.total} testId="grade-card-progress">
      {(pct) => (
        <>
          {progress.done} of {progress.total} candidates done ({pct}%)
          {progress.done === progress.total && (
            <>
              {" · "}
              <Link href={`/grade-cards/${progress.runId}`} className="text-primary hover:underline">
                Open the cards
              </Link>
            </>
          )}
        </>
      )}
    </RunProgressBar>
  );
}

export function GradeCardStarter({
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
  const { progress, running, drive } = useGradeCardDriver();
  const start = async () => {
    const r = await startGradeCardRunAction(null, input);
    if (!r.ok) return void toast.error(r.message);
    if (r.data.total === 0) return void toast.info("Nobody is enrolled here: there are no grade cards to make.");
    await drive(r.data.runId);
  };
  return (
    <div className="space-y-4">
      <RunScopePicker label="Make cards for" isAdmin={isAdmin} courses={courses} programs={programs} terms={terms} state={state} />
      <Button onClick={start} disabled={running || !ready}>
        {running ? "Generating…" : "Generate grade cards"}
      </Button>
      <p className="text-xs text-muted-foreground">
        One PDF per candidate for the term, kept here to download one by one or as a ZIP. Nothing is sent. If you leave, resume the run below: no card is made
        twice.
      </p>
      <GradeCardProgress progress={progress} />
    </div>
  );
}

export function ResumeGradeCardRun({ runId }: { runId: number }) {
  const { progress, running, drive } = useGradeCardDriver();
  return (
    <div className="space-y-1">
      <Button size="sm" variant="outline" disabled={running} onClick={() => drive(runId)}>
        {running ? "Resuming…" : "Resume"}
      </Button>
      <GradeCardProgress progress={progress} />
    </div>
  );
}

/** A link styled as a button, for the downloads (plain <a download>: the browser saves the file). */
export function DownloadLink({ href, children, testId }: { href: string; children: React.ReactNode; testId?: string }) {
  return (
    <a href={href} download className={buttonVariants({ variant: "outline", size: "sm" })} data-testid={testId}>
      {children}
    </a>
  );
}
