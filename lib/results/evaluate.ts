import { computeCourseResult, type CourseResult, type MarkInput } from "./course";
import { gradeFor, type GradeBand } from "./grades";
import { computeSchemeResult, type Scheme, type SchemeAssessment, type SchemeResult } from "./scheme";

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
  return { result, scheme, grade: gradeFor(scheme.shown, input.bands)?.letter ?? null };
}

export type Audience = "staff" | "parents";

/** What an audience's figures are computed from: parents see released assessments only. */
export function visibleAssessments<A extends { published: boolean; released?: boolean }>(list: A[], audience: Audience): A[] {
  return audience === "parents" ? list.filter((a) => a.published && a.released !== false) : list;
}
