import type { AssessmentInput, MarkInput } from "./course";
import { computeCourseResult } from "./course";
import { roundHalfUp } from "./round";

export type TrendPoint = { assessmentId: number; name: string; date: string | null; percent: number | null };

/** Assessments in the order they happened, as s/max × 100 (absent and missing as 0). */
export function orderAssessments<T extends Pick<AssessmentInput, "dueOn" | "position" | "id">>(assessments: T[]): T[] {
  return [...assessments].sort((a, b) => {
    const da = a.dueOn ?? "9999-12-31";
    const db = b.dueOn ?? "9999-12-31";
    if (da !== db) return da < db ? -1 : 1;
    return (a.position ?? 0) - (b.position ?? 0) || a.id - b.id;
  });
}

export function assessmentTrend(assessments: AssessmentInput[], marks: MarkInput[]): TrendPoint[] {
  const result = computeCourseResult(assessments, marks);
  const byId = new Map(result.breakdown.map((b) => [b.assessmentId, b]));
  return orderAssessments(assessments)
    .filter((a) => a.published)
    .map((a) => {
      const b = byId.get(a.id);
      return { assessmentId: a.id, name: a.name, date: a.dueOn ?? null, percent: b?.fraction != null ? roundHalfUp(b.fraction * 100, 1) : null };
    });
}
