"use client";

import * as React from "react";
import Link from "@/components/ui/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Button, buttonVariants } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/native-select";
import { continueGradeCardRunAction, startGradeCardRunAction } from "@/app/(staff)/grade-cards/actions";

type Option = { id: number; label: string };
type Scope = "course" | "program_term" | "term";
type Progress = { runId: number; done: number; total: number; made: number };

/** Drives a run batch by batch: the bar moves as cards are made; leaving is safe (resume later). */
export function useGradeCardDriver() {
  const router = useRouter();
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [running, setRunning] = React.useState(false);
  const drive = React.useCallback(
    async (runId: number) => {
      setRunning(true);
      let made = 0;
      for (;;) {
        const r = await continueGradeCardRunAction(null, { runId });
        if (!r.ok) {
          toast.error(r.message);
          break;
        }
        made += r.data.made;
        setProgress({ runId, done: r.data.done, total: r.data.total, made });
        if (r.data.finished) {
          toast.success(`Grade cards made: ${r.data.done} of ${r.data.total}`);
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

export function GradeCardProgress({ progress }: { progress: Progress | null }) {
  if (!progress) return null;
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 100;
  return (
    <div className="space-y-1" data-testid="grade-card-progress">
      <div
        role="progressbar"
        aria-label="Grade cards made"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded bg-muted"
      >
        <div className="h-full bg-primary transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-sm text-muted-foreground">
        {progress.done} of {progress.total} candidates done ({pct}%)
        {progress.done === progress.total && (
          <>
            {" · "}
            <Link href={`/grade-cards/${progress.runId}`} className="text-primary hover:underline">
              Open the cards
            </Link>
          </>
        )}
      </p>
    </div>
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
  const [scope, setScope] = React.useState<Scope>("course");
  const [courseId, setCourseId] = React.useState(String(initial?.courseId ?? courses[0]?.id ?? ""));
  const [programId, setProgramId] = React.useState(String(programs[0]?.id ?? ""));
  const [termId, setTermId] = React.useState(String(terms[0]?.id ?? ""));
  const { progress, running, drive } = useGradeCardDriver();
  const start = async () => {
    const input =
      scope === "course"
        ? { kind: "course" as const, courseId }
        : scope === "program_term"
          ? { kind: "program_term" as const, programId, termId }
          : { kind: "term" as const, termId };
    const r = await startGradeCardRunAction(null, input);
    if (!r.ok) return void toast.error(r.message);
    if (r.data.total === 0) return void toast.info("Nobody is enrolled here: there are no grade cards to make.");
    await drive(r.data.runId);
  };
  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="grid gap-1.5 text-sm font-medium">
          Make cards for
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
      <Button onClick={start} disabled={running || (scope === "course" && !courseId)}>
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
