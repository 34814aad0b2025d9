"use client";

import { useId, useMemo, useState } from "react";
import { FlaskConical, RotateCcw, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { formatCell, parseCell } from "@/lib/gradebook/cell";
import type { MarkInput } from "@/lib/results/course";
import type { GradeBand } from "@/lib/results/grades";
import { computeSchemeResult, type Scheme, type SchemeAssessment } from "@/lib/results/scheme";
import { traceView } from "@/lib/results/trace";
import { SchemeTrace } from "./scheme-trace";

export type WhatIfProps = {
  courseLabel: string;
  scheme: Scheme;
  assessments: SchemeAssessment[];
  marks: MarkInput[];
  attendanceRate: number | null;
  bands: GradeBand[];
};

const prefill = (assessments: SchemeAssessment[], marks: MarkInput[]) => {
  const by = new Map(marks.map((m) => [m.assessmentId, m]));
  return Object.fromEntries(assessments.map((a) => [a.id, formatCell(by.get(a.id))]));
};
const rateText = (rate: number | null) => (rate === null ? "" : String(Math.round(rate * 100) / 100));

/**
 * Hypothetical marks for one course, recomputed live in the browser with lib/results: nothing
 * is saved and nothing is sent (no action, no fetch). Prefilled with the real marks; what has
 * no mark yet starts blank. A mark typed where the assessment is not published counts as if it
 * were, as the question is "what if this exam goes so".
 */
export function WhatIf({ courseLabel, scheme, assessments, marks, attendanceRate, bands }: WhatIfProps) {
  const [open, setOpen] = useState(false);
  const initial = useMemo(() => prefill(assessments, marks), [assessments, marks]);
  const [texts, setTexts] = useState<Record<number, string>>(initial);
  const [rate, setRate] = useState(rateText(attendanceRate));
  const id = useId();
  const usesAttendance = scheme.components.some((c) => c.source === "attendance");

  const parsed = useMemo(() => {
    const errors: Record<number, string> = {};
    const hypothetical: MarkInput[] = [];
    const typed = new Set<number>();
    for (const a of assessments) {
      const text = texts[a.id] ?? "";
      const p = parseCell(text, a.maxScore);
      if (!p.ok) {
        errors[a.id] = p.error;
        continue;
      }
      if (p.value.status === "graded" && p.value.score === null) continue;
      hypothetical.push({ assessmentId: a.id, score: p.value.score, status: p.value.status });
      if (text !== initial[a.id]) typed.add(a.id);
    }
    const r = rate.trim() === "" ? null : Number(rate.replace(",", "."));
    const rateError = r !== null && !(Number.isFinite(r) && r >= 0 && r <= 100) ? "A rate between 0 and 100" : null;
    const list = assessments.map((a) => (typed.has(a.id) && !a.published ? { ...a, published: true } : a));
    const result = computeSchemeResult(scheme, list, hypothetical, rateError ? attendanceRate : r);
    return { errors, rateError, result, changed: typed.size > 0 || rate !== rateText(attendanceRate) };
  }, [assessments, texts, rate, scheme, attendanceRate, initial]);

  if (!open)
    return (
      <Button type="button" variant="outline" size="sm" onClick={() => setOpen(true)} aria-label={`What-if for ${courseLabel}`}>
        <FlaskConical aria-hidden />
        What-if…
      </Button>
    );

  const view = traceView(scheme, parsed.result, bands);
  const reset = () => {
    setTexts(initial);
    setRate(rateText(attendanceRate));
  };
  return (
    <section className="space-y-4 rounded-lg border-2 border-dashed border-amber-400/80 bg-amber-50/40 p-3 dark:bg-amber-950/20 sm:p-4" data-testid="what-if">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h4 className="font-semibold">
            <span className="rounded bg-amber-200 px-1.5 py-0.5 text-amber-950">What-if: not saved</span>
          </h4>
          <p className="mt-1 text-xs text-muted-foreground">
            Type any marks (a score, AB, MI, EX, or 15L for late) and see the result change. Nothing here is saved or sent.
          </p>
        </div>
        <div className="flex gap-2">
          <Button type="button" variant="outline" size="sm" onClick={reset} disabled={!parsed.changed}>
            <RotateCcw aria-hidden />
            Reset
          </Button>
          <Button type="button" variant="ghost" size="sm" onClick={() => setOpen(false)} aria-label="Close the what-if">
            <X aria-hidden />
          </Button>
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
        {assessments.map((a) => {
          const inputId = `${id}-a${a.id}`;
          const error = parsed.errors[a.id];
          return (
            <div key={a.id} className="space-y-1">
              <label htmlFor={inputId} className="block text-xs font-medium">
                {a.name} <span className="font-normal text-muted-foreground">/ {a.maxScore}</span>
              </label>
              <Input
                id={inputId}
                value={texts[a.id] ?? ""}
                onChange={(e) => setTexts((t) => ({ ...t, [a.id]: e.target.value }))}
                inputMode="decimal"
                autoComplete="off"
                placeholder="not entered"
                aria-invalid={!!error}
                aria-describedby={error ? `${inputId}-error` : undefined}
                className="h-8 tabular-nums"
              />
              {error && (
                <p id={`${inputId}-error`} className="text-xs text-destructive">
                  {error}
                </p>
              )}
            </div>
          );
        })}
        {usesAttendance && (
          <div className="space-y-1">
            <label htmlFor={`${id}-rate`} className="block text-xs font-medium">
              Attendance <span className="font-normal text-muted-foreground">%</span>
            </label>
            <Input
              id={`${id}-rate`}
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              inputMode="decimal"
              autoComplete="off"
              placeholder="none recorded"
              aria-invalid={!!parsed.rateError}
              className="h-8 tabular-nums"
            />
            {parsed.rateError && <p className="text-xs text-destructive">{parsed.rateError}</p>}
          </div>
        )}
      </div>
      <p className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm" aria-live="polite" data-testid="what-if-result">
        <span>
          What-if result{" "}
          <span className="font-semibold tabular-nums" data-testid="what-if-percent">
            {view.percent}
          </span>
        </span>
        <span className="tabular-nums text-muted-foreground">{view.total}</span>
        <span>
          Grade{" "}
          <span className="font-semibold" data-testid="what-if-grade">
            {view.grade ?? "—"}
          </span>
        </span>
        {view.outcome && (
          <span>
            Outcome{" "}
            <span className="font-semibold" data-testid="what-if-outcome">
              {view.outcome.label}
            </span>
          </span>
        )}
      </p>
      <SchemeTrace scheme={scheme} result={parsed.result} bands={bands} />
    </section>
  );
}
