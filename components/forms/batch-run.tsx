"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { NativeSelect } from "@/components/ui/native-select";
import type { ActionResult } from "@/lib/action";

// What the progress-report runs and the grade-card runs share: choosing whom a run covers,
// driving it a batch at a time from the browser (leaving is safe: the run resumes), and the bar.

type Option = { id: number; label: string };
export type RunScope = "course" | "program_term" | "term";
export type RunScopeInput =
  { kind: "course"; courseId: string } | { kind: "program_term"; programId: string; termId: string } | { kind: "term"; termId: string };

/** The scope a starter has chosen, and the picker that chooses it. */
export function useRunScope({
  courses,
  programs,
  terms,
  initial,
}: {
  courses: Option[];
  programs: Option[];
  terms: Option[];
  initial?: { courseId?: number };
}) {
  const [scope, setScope] = React.useState<RunScope>("course");
  const [courseId, setCourseId] = React.useState(String(initial?.courseId ?? courses[0]?.id ?? ""));
  const [programId, setProgramId] = React.useState(String(programs[0]?.id ?? ""));
  const [termId, setTermId] = React.useState(String(terms[0]?.id ?? ""));
  const input: RunScopeInput =
    scope === "course" ? { kind: "course", courseId } : scope === "program_term" ? { kind: "program_term", programId, termId } : { kind: "term", termId };
  const state = { scope, setScope, courseId, setCourseId, programId, setProgramId, termId, setTermId };
  return { input, ready: scope !== "course" || !!courseId, state };
}

/** Whom the run covers: a course (anyone who may start one), a program's term or a whole term (admins). */
export function RunScopePicker({
  label,
  isAdmin,
  courses,
  programs,
  terms,
  state: s,
}: {
  label: string;
  isAdmin: boolean;
  courses: Option[];
  programs: Option[];
  terms: Option[];
  state: ReturnType<typeof useRunScope>["state"];
}) {
  const choice = (name: string, value: string, set: (v: string) => void, options: Option[]) => (
    <label className="grid gap-1.5 text-sm font-medium">
      {name}
      <NativeSelect value={value} onChange={(e) => set(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </label>
  );
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <label className="grid gap-1.5 text-sm font-medium">
        {label}
        <NativeSelect value={s.scope} onChange={(e) => s.setScope(e.target.value as RunScope)}>
          <option value="course">Everyone in a course</option>
          {isAdmin && <option value="program_term">A program in a term</option>}
          {isAdmin && <option value="term">Everyone in a term</option>}
        </NativeSelect>
      </label>
      {s.scope === "course" && choice("Course", s.courseId, s.setCourseId, courses)}
      {s.scope === "program_term" && choice("Program", s.programId, s.setProgramId, programs)}
      {(s.scope === "program_term" || s.scope === "term") && choice("Term", s.termId, s.setTermId, terms)}
    </div>
  );
}

/**
 * Drives a run batch by batch: `step` does one batch on the server, `onBatch` takes its
 * result (the caller keeps the figures for its bar), and `finished` says, when the run is
 * done, what to tell the user. A failed batch stops with its message; the run resumes later.
 */
export function useBatchRun<R>({
  step,
  onBatch,
  finished,
}: {
  step: (runId: number) => Promise<ActionResult<R>>;
  onBatch: (runId: number, result: R) => void;
  finished: (result: R) => string | null;
}) {
  const router = useRouter();
  const [running, setRunning] = React.useState(false);
  const latest = React.useRef({ step, onBatch, finished });
  latest.current = { step, onBatch, finished };
  const drive = React.useCallback(
    async (runId: number) => {
      setRunning(true);
      try {
        for (;;) {
          const r = await latest.current.step(runId);
          if (!r.ok) {
            toast.error(r.message);
            break;
          }
          latest.current.onBatch(runId, r.data);
          const done = latest.current.finished(r.data);
          if (done !== null) {
            toast.success(done);
            break;
          }
        }
      } catch {
        toast.error("The run stopped: the server did not answer. Resume it when you are back online; nothing is done twice.");
      } finally {
        setRunning(false);
        router.refresh();
      }
    },
    [router],
  );
  return { running, drive };
}

/** A run's bar: `done` of `total`, with what the caller says under it. */
export function RunProgressBar({
  label,
  done,
  total,
  testId,
  children,
}: {
  label: string;
  done: number;
  total: number;
  testId: string;
  children: (pct: number) => React.ReactNode;
}) {
  const pct = total ? Math.round((done / total) * 100) : 100;
  return (
    <div className="space-y-1" data-testid={testId}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 w-full overflow-hidden rounded bg-muted"
      >
        <div className="h-full bg-primary transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-sm text-muted-foreground">{children(pct)}</p>
    </div>
  );
}
