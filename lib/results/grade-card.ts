import type { GradeCardVariant } from "@/lib/constants";
import type { AttendanceRate } from "./attendance";
import { fromCounts } from "./attendance";
import { cgpa, toPercent, type CourseGrade, type CourseVerdict, type Gpa, type GpaPolicy, type GradedCourse, type PercentConversion } from "./gpa";
import type { SchemeResult } from "./scheme";

// The data of one grade card (issue 14), college or school: every figure is the results
// module's, as the candidate page shows it. db/queries/grade-cards.ts loads it; the PDF prints it.

export type GradeCardCourse = {
  courseId: number;
  code: string;
  name: string;
  credits: number;
  internal: { value: number; max: number } | null;
  external: { value: number; max: number } | null;
  total: { value: number; max: number } | null;
  /** The shown %, as the candidate page shows it (one decimal, half up). */
  percent: number | null;
  /** The letter the candidate page shows (while the result is pending, the grade so far). */
  grade: string | null;
  /** Grade points, once the course is graded (null while pending: it counts in no SGPA). */
  points: number | null;
  result: CourseVerdict;
  /** 1 the first time the code was taken, 2 for a repeat, … */
  attempt: number;
};

export type GradeCardTerm = {
  termId: number;
  name: string;
  /** The term's place in time among all terms (1 = the earliest). */
  order: number;
  courses: GradeCardCourse[];
  sgpa: Gpa;
  attendance: { courseId: number; rate: number | null; shown: number | null }[];
};

export type GradeCardData = {
  variant: GradeCardVariant;
  institution: { name: string; shortName: string; brandColor: string };
  candidate: { id: number; fullName: string; candidateNumber: string; program: string | null; programCode: string | null; guardianNames: string[] };
  term: GradeCardTerm;
  /** Every term up to and including `term`, oldest first. */
  history: GradeCardTerm[];
  /** The CGPA as it stood at the end of `term` (the latest term: the candidate page's CGPA). */
  cgpa: Gpa;
  percent: { value: number | null; conversion: { name: string; formula: string } };
  policy: GpaPolicy;
  /** Over the courses of `term`: every session counted together. */
  attendanceOverall: { rate: number | null; shown: number | null };
  remarks: string | null;
  /** dd-mm-yyyy, as the institution writes dates. */
  issuedOn: string;
};

/** A course as the results loader gives it (db/queries/internal/results.ts), the parts a card reads. */
export type CardSourceCourse = {
  courseId: number;
  code: string;
  name: string;
  credits: number;
  result: { shown: number | null };
  grade: string | null;
  schemeResult: Pick<SchemeResult, "internal" | "external" | "total" | "max">;
  gradePoints: CourseGrade | null;
  verdict: CourseVerdict;
  attempt: number;
  attendance: AttendanceRate;
};

export type CardSource = {
  terms: { termId: number; termName: string; termOrder: number; sgpa: Gpa; courses: CardSourceCourse[] }[];
  gpa: { policy: GpaPolicy; conversion: PercentConversion; gradeCard: GradeCardVariant; history: GradedCourse[] };
};

const part = (p: { value: number | null; max: number }) => (p.value === null || !(p.max > 0) ? null : { value: p.value, max: p.max });

function cardTerm(t: CardSource["terms"][number]): GradeCardTerm {
  // In the candidate page's order (by code), as loaded.
  const courses = t.courses;
  return {
    termId: t.termId,
    name: t.termName,
    order: t.termOrder,
    sgpa: t.sgpa,
    courses: courses.map((c) => ({
      courseId: c.courseId,
      code: c.code,
      name: c.name,
      credits: c.credits,
      internal: part(c.schemeResult.internal),
      external: part(c.schemeResult.external),
      total: c.schemeResult.total === null ? null : { value: c.schemeResult.total, max: c.schemeResult.max },
      percent: c.result.shown,
      grade: c.grade,
      points: c.gradePoints?.points ?? null,
      result: c.verdict,
      attempt: c.attempt,
    })),
    attendance: courses.map((c) => ({ courseId: c.courseId, rate: c.attendance.rate, shown: c.attendance.shown })),
  };
}

/**
 * The card of one term from a candidate's loaded results, or null when the results hold no
 * course of that term. The CGPA and percentage are those at the end of the term.
 */
export function gradeCardFrom(
  source: CardSource,
  termId: number,
  about: Pick<GradeCardData, "institution" | "candidate" | "issuedOn"> & { remarks?: string | null },
): GradeCardData | null {
  const current = source.terms.find((t) => t.termId === termId);
  if (!current) return null;
  const history = source.terms
    .filter((t) => t.termOrder <= current.termOrder)
    .sort((a, b) => a.termOrder - b.termOrder)
    .map(cardTerm);
  const { policy, conversion } = source.gpa;
  const through = cgpa(
    source.gpa.history.filter((c) => c.termOrder <= current.termOrder),
    policy,
  );
  const counts = { present: 0, late: 0, absent: 0, excused: 0, onDuty: 0, medical: 0, sessions: 0 };
  for (const c of current.courses) {
    counts.present += c.attendance.present;
    counts.late += c.attendance.late;
    counts.absent += c.attendance.absent;
    counts.excused += c.attendance.excused;
    counts.onDuty += c.attendance.onDuty;
    counts.medical += c.attendance.medical;
    counts.sessions += c.attendance.sessions;
  }
  // A term's courses are one program's: its way of counting on-duty and medical days.
  const overall = fromCounts(counts, current.courses[0]?.attendance.policy);
  return {
    variant: source.gpa.gradeCard,
    institution: about.institution,
    candidate: about.candidate,
    term: history[history.length - 1],
    history,
    cgpa: through,
    percent: { value: toPercent(through.value, conversion), conversion: { name: conversion.name, formula: conversion.formula } },
    policy,
    attendanceOverall: { rate: overall.rate, shown: overall.shown },
    remarks: about.remarks ?? null,
    issuedOn: about.issuedOn,
  };
}
