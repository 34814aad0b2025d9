import type { AlertRule } from "@/lib/constants";
import { formatShown, roundHalfUp } from "@/lib/results/round";
import { countMissing, type AssessmentInput, type CourseResult, type MarkInput } from "@/lib/results/course";
import { trendFromBreakdown } from "@/lib/results/trend";
import type { AttendanceRate } from "@/lib/results/attendance";
import type { SchemeResult } from "@/lib/results/scheme";

export type Thresholds = { passMark: number; atRiskMark: number; minAttendance: number; suddenDropPoints: number; missingCount: number };

export const DEFAULT_THRESHOLDS: Thresholds = { passMark: 40, atRiskMark: 50, minAttendance: 75, suddenDropPoints: 15, missingCount: 2 };

export type RuleOutcome = { rule: AlertRule; message: string; figures: Record<string, number | string | null> };

export { RULE_LABELS } from "./labels";

const pct = (v: number) => `${formatShown(v)}%`;
/** A threshold as staff typed it: "40", "42.5", never rounded away. */
const limit = (v: number) => `${Number.isInteger(v) ? v : roundHalfUp(v, 2)}%`;

/**
 * The at-risk rules of PRODUCT.md §3 that hold right now for one candidate in one course.
 * Comparisons use the shown (rounded) figures, so what staff read agrees with what tripped.
 */
export function evaluateCourseRules(input: {
  courseName: string;
  course: Pick<CourseResult, "shown" | "breakdown">;
  attendance: Pick<AttendanceRate, "shown"> | null;
  thresholds: Thresholds;
  assessments: AssessmentInput[];
  marks: MarkInput[];
  /** The scheme's verdict when it has pass rules: then they, not the pass mark, say who fails. */
  scheme?: Pick<SchemeResult, "outcome" | "reasons" | "checks" | "components">;
}): RuleOutcome[] {
  const { courseName: name, course, attendance, thresholds: t } = input;
  const out: RuleOutcome[] = [];
  const verdict = input.scheme?.outcome ? input.scheme : null;

  if (verdict && (verdict.outcome === "fail" || verdict.outcome === "absent")) {
    out.push({
      rule: "failing",
      message: `${name}: ${verdict.outcome === "absent" ? "absent in the external exam" : verdict.reasons.join("; ")}`,
      figures: { percent: course.shown, outcome: verdict.outcome, reasons: verdict.reasons.join("; ") },
    });
  } else if (verdict && verdict.outcome === "pending" && missedInternal(verdict).length) {
    // The internal part is complete and its minimum already missed, though the exam is still to
    // come: at risk, with the reason. (The total is always short before the exam: not a reason.)
    const reasons = missedInternal(verdict);
    out.push({
      rule: "at_risk",
      message: `${name}: ${reasons.join("; ")}`,
      figures: { percent: course.shown, outcome: verdict.outcome, reasons: reasons.join("; ") },
    });
  } else if (verdict && course.shown !== null) {
    if (course.shown < t.atRiskMark) {
      out.push({
        rule: "at_risk",
        message: `${name}: ${pct(course.shown)} is below the at-risk mark ${limit(t.atRiskMark)}`,
        figures: { percent: course.shown, atRiskMark: t.atRiskMark },
      });
    }
  } else if (course.shown !== null) {
    if (course.shown < t.passMark) {
      out.push({
        rule: "failing",
        message: `${name}: ${pct(course.shown)} is below the pass mark ${limit(t.passMark)}`,
        figures: { percent: course.shown, passMark: t.passMark },
      });
    } else if (course.shown < t.atRiskMark) {
      out.push({
        rule: "at_risk",
        message: `${name}: ${pct(course.shown)} is below the at-risk mark ${limit(t.atRiskMark)}`,
        figures: { percent: course.shown, atRiskMark: t.atRiskMark },
      });
    }
  }

  if (attendance?.shown != null && attendance.shown < t.minAttendance) {
    out.push({
      rule: "low_attendance",
      message: `${name}: attendance ${pct(attendance.shown)} is below the minimum ${limit(t.minAttendance)}`,
      figures: { attendance: attendance.shown, minAttendance: t.minAttendance },
    });
  }

  // The same points the trend chart draws, so the drop staff are told of is the one they see.
  const points = trendFromBreakdown(input.assessments, course.breakdown).filter((p): p is typeof p & { percent: number } => p.percent !== null);
  if (points.length >= 2) {
    const latest = points[points.length - 1];
    const earlier = points.slice(0, -1);
    const mean = roundHalfUp(earlier.reduce((s, p) => s + p.percent, 0) / earlier.length, 1);
    const drop = roundHalfUp(mean - latest.percent, 1);
    if (drop >= t.suddenDropPoints) {
      out.push({
        rule: "sudden_drop",
        message: `${name}: latest assessment ${latest.name} ${pct(latest.percent)} is ${formatShown(drop)} points below the earlier average ${pct(mean)}`,
        figures: { latest: latest.percent, earlierMean: mean, drop, suddenDropPoints: t.suddenDropPoints, assessment: latest.name },
      });
    }
  }

  const missing = countMissing(input.assessments, input.marks);
  if (missing >= t.missingCount) {
    out.push({
      rule: "missing_work",
      message: `${name}: ${missing} missing assessment${missing === 1 ? "" : "s"}`,
      figures: { missing, missingCount: t.missingCount },
    });
  }
  return out;
}

/** The internal minimum missed once every internal component is complete. */
function missedInternal(v: Pick<SchemeResult, "reasons" | "checks" | "components">): string[] {
  const internal = v.components.filter((c) => c.part === "internal");
  const complete = internal.length > 0 && internal.every((c) => c.value !== null && !c.items.some((i) => i.state === "not-entered"));
  if (!complete || !v.checks.some((c) => c.part === "internal" && c.ok === false)) return [];
  return v.reasons.filter((r) => r.startsWith("internal "));
}

type Key = { rule: AlertRule; courseId: number | null };
const keyOf = (k: Key) => `${k.courseId === null ? "-" : k.courseId}:${k.rule}`;

/** Edge-triggering: raise what became true (once), resolve what became false, leave the rest. */
export function diffAlerts<O extends Key, C extends Key>(open: O[], current: C[]): { raise: C[]; resolve: O[] } {
  const openKeys = new Set(open.map(keyOf));
  const currentKeys = new Set(current.map(keyOf));
  const raised = new Set<string>();
  const raise = current.filter((c) => {
    const k = keyOf(c);
    if (openKeys.has(k) || raised.has(k)) return false;
    raised.add(k);
    return true;
  });
  return { raise, resolve: open.filter((o) => !currentKeys.has(keyOf(o))) };
}
