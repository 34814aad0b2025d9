import type { AlertRule } from "@/lib/constants";
import { roundHalfUp, formatShown } from "@/lib/results/round";
import { orderAssessments } from "@/lib/results/trend";
import type { AssessmentInput, CourseResult, MarkInput } from "@/lib/results/course";
import type { AttendanceRate } from "@/lib/results/attendance";

export type Thresholds = { passMark: number; atRiskMark: number; minAttendance: number; suddenDropPoints: number; missingCount: number };

export const DEFAULT_THRESHOLDS: Thresholds = { passMark: 40, atRiskMark: 50, minAttendance: 75, suddenDropPoints: 15, missingCount: 2 };

export type RuleOutcome = { rule: AlertRule; message: string; figures: Record<string, number | string | null> };

export { RULE_LABELS } from "./labels";

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
}): RuleOutcome[] {
  const { courseName: name, course, attendance, thresholds: t } = input;
  const out: RuleOutcome[] = [];
  const pct = (v: number) => `${formatShown(v)}%`;

  if (course.shown !== null) {
    if (course.shown < t.passMark) {
      out.push({ rule: "failing", message: `${name}: ${pct(course.shown)} is below the pass mark ${formatShown(t.passMark, 0)}%`, figures: { percent: course.shown, passMark: t.passMark } });
    } else if (course.shown < t.atRiskMark) {
      out.push({ rule: "at_risk", message: `${name}: ${pct(course.shown)} is below the at-risk mark ${formatShown(t.atRiskMark, 0)}%`, figures: { percent: course.shown, atRiskMark: t.atRiskMark } });
    }
  }

  if (attendance?.shown != null && attendance.shown < t.minAttendance) {
    out.push({
      rule: "low_attendance",
      message: `${name}: attendance ${pct(attendance.shown)} is below the minimum ${formatShown(t.minAttendance, 0)}%`,
      figures: { attendance: attendance.shown, minAttendance: t.minAttendance },
    });
  }

  const counted = new Map(course.breakdown.filter((b) => b.counted && b.fraction !== null).map((b) => [b.assessmentId, b]));
  const ordered = orderAssessments(input.assessments.filter((a) => counted.has(a.id)));
  if (ordered.length >= 2) {
    const latest = ordered[ordered.length - 1];
    const earlier = ordered.slice(0, -1).map((a) => roundHalfUp(counted.get(a.id)!.fraction! * 100, 1));
    const mean = roundHalfUp(earlier.reduce((s, v) => s + v, 0) / earlier.length, 1);
    const last = roundHalfUp(counted.get(latest.id)!.fraction! * 100, 1);
    const drop = roundHalfUp(mean - last, 1);
    if (drop >= t.suddenDropPoints) {
      out.push({
        rule: "sudden_drop",
        message: `${name}: latest assessment ${latest.name} ${pct(last)} is ${formatShown(drop)} points below the earlier average ${pct(mean)}`,
        figures: { latest: last, earlierMean: mean, drop, suddenDropPoints: t.suddenDropPoints, assessment: latest.name },
      });
    }
  }

  const missing = input.marks.filter((m) => m.status === "missing" && input.assessments.some((a) => a.id === m.assessmentId && a.published)).length;
  if (missing >= t.missingCount) {
    out.push({ rule: "missing_work", message: `${name}: ${missing} missing assessment${missing === 1 ? "" : "s"}`, figures: { missing, missingCount: t.missingCount } });
  }
  return out;
}

type Key = { rule: AlertRule; courseId: number | null };
const keyOf = (k: Key) => `${k.courseId ?? 0}:${k.rule}`;

/** Edge-triggering: raise what became true, resolve what became false, leave the rest. */
export function diffAlerts<O extends Key, C extends Key>(open: O[], current: C[]): { raise: C[]; resolve: O[] } {
  const openKeys = new Set(open.map(keyOf));
  const currentKeys = new Set(current.map(keyOf));
  return { raise: current.filter((c) => !openKeys.has(keyOf(c))), resolve: open.filter((o) => !currentKeys.has(keyOf(o))) };
}
