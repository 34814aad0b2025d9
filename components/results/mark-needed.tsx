import type { MarkInput } from "@/lib/results/course";
import type { GradeBand } from "@/lib/results/grades";
import type { Scheme, SchemeAssessment } from "@/lib/results/scheme";
import { markNeededLines } from "@/lib/results/trace";
import { cn } from "@/lib/utils";

/** "To pass: 18 / 40 in End-semester exam", "For A: 31 / 40 …": what the assessments still to be marked must bring. Nothing when none are left. */
export function MarkNeeded(props: { scheme: Scheme; assessments: SchemeAssessment[]; marks: MarkInput[]; attendanceRate: number | null; bands: GradeBand[] }) {
  const lines = markNeededLines(props.scheme, props.assessments, props.marks, props.attendanceRate, props.bands);
  if (!lines.length) return null;
  return (
    <div className="rounded-md border border-sky-200 bg-sky-50/60 p-3 text-sm dark:border-sky-900 dark:bg-sky-950/30" data-testid="mark-needed">
      <h4 className="font-medium">Mark needed in what is left</h4>
      <ul className="mt-1 space-y-0.5">
        {lines.map((l) => (
          <li key={l.label} data-testid="mark-needed-line" data-kind={l.kind}>
            <span className="font-medium">{l.label}:</span>{" "}
            <span className={cn("tabular-nums", (l.kind === "reached" || l.kind === "unreachable" || l.kind === "nothing-left") && "text-muted-foreground")}>
              {l.text}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
