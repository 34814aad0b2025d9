import { computeCourseResult, type CourseResult, type MarkInput } from "./course";
import { DEFAULT_BANDS, gradeFor, type GradeBand } from "./grades";
import { computeSchemeResult, type Outcome, type Scheme, type SchemeAssessment, type SchemeResult } from "./scheme";

// One course, one candidate, under the course's scheme: what the gradebook row, the stored
// result, the candidate page, the email and the result page all show. Pure.

export type CourseEvaluation = {
  /** The course result as every list reads it: percent and shown come from the scheme; the
   *  per-assessment breakdown (for the trend and the at-risk rules) is the weighted one. */
  result: CourseResult;
  scheme: SchemeResult;
  grade: string | null;
};

export function evaluateCourse(input: {
  scheme: Scheme;
  assessments: SchemeAssessment[];
  marks: MarkInput[];
  attendanceRate: number | null;
  bands?: GradeBand[];
}): CourseEvaluation {
  const scheme = computeSchemeResult(input.scheme, input.assessments, input.marks, input.attendanceRate);
  const result = { ...computeCourseResult(input.assessments, input.marks), percent: scheme.percent, shown: scheme.shown };
  return { result, scheme, grade: gradeUnderScheme(scheme.shown, scheme.outcome, input.bands) };
}

/**
 * The letter a course earns: the scheme's verdict first — a failed course takes the scale's
 * lowest letter (F) whatever its percentage, an absent one "Ab" — else the band of the shown
 * figure (while marks are pending too, as the grade so far). Without pass rules: the band.
 */
export function gradeUnderScheme(shown: number | null, outcome: Outcome | null, bands: GradeBand[] = DEFAULT_BANDS): string | null {
  if (outcome === "absent") return "Ab";
  if (outcome === "fail") return [...bands].sort((a, b) => a.minPercent - b.minPercent)[0]?.letter ?? "F";
  return gradeFor(shown, bands)?.letter ?? null;
}

export type Audience = "staff" | "parents";

/** What an audience's figures are computed from: parents see released assessments only. */
export function visibleAssessments<A extends { published: boolean; released?: boolean }>(list: A[], audience: Audience): A[] {
  return audience === "parents" ? list.filter((a) => a.published && a.released !== false) : list;
}
