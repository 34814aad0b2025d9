import type { AssessmentInput, BreakdownItem, MarkInput } from "./course";
import { computeCourseResult } from "./course";
import { roundHalfUp } from "./round";

export type TrendPoint = { assessmentId: number; name: string; date: string | null; percent: number | null };

/** The order assessments happened in: due date (undated last), then position, then id. */
export function orderAssessments<T extends Pick<AssessmentInput, "dueOn" | "position" | "id">>(assessments: T[]): T[] {
  return [...assessments].sort((a, b) => {
    const da = a.dueOn ?? null;
    const db = b.dueOn ?? null;
    if (da !== db) {
      if (da === null) return 1;
      if (db === null) return -1;
      return da < db ? -1 : 1;
    }
    return (a.position ?? 0) - (b.position ?? 0) || a.id - b.id;
  });
}

/**
 * Trend points from a result already computed: s/max × 100 as shown (one decimal) for the
 * assessments that count, null for the rest. Unpublished assessments are left out entirely,
 * so a chart never names one before it is released.
 */
export function trendFromBreakdown(assessments: AssessmentInput[], breakdown: BreakdownItem[]): TrendPoint[] {
  const byId = new Map(breakdown.map((b) => [b.assessmentId, b]));
  return orderAssessments(assessments.filter((a) => a.published)).map((a) => {
    const b = byId.get(a.id);
    const percent = b && b.counted && b.fraction !== null ? roundHalfUp(b.fraction * 100, 1) : null;
    return { assessmentId: a.id, name: a.name, date: a.dueOn ?? null, percent };
  });
}

export function assessmentTrend(assessments: AssessmentInput[], marks: MarkInput[]): TrendPoint[] {
  return trendFromBreakdown(assessments, computeCourseResult(assessments, marks).breakdown);
}
