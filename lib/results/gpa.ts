import type { Outcome } from "./scheme";
import type { GradeBand } from "./grades";
import { gradeUnderScheme } from "./evaluate";
import { roundTo, type RoundingMethod } from "./round";

// Grade points, SGPA and CGPA (issue 14; UGC's Choice Based Credit System). Pure.
//   SGPA = Σ Cᵢ·Gᵢ / Σ Cᵢ over a term's credit courses; CGPA the same over every term.
// A failed course keeps its credits in the denominator (its grade point is 0); a course
// with no credits is left out; a repeat attempt replaces the failed one in the CGPA.

/** UGC's 10-point letter grades (bands editable: universities differ). */
export const UGC_BANDS: GradeBand[] = [
  { minPercent: 90, letter: "O", gradePoints: 10 },
  { minPercent: 80, letter: "A+", gradePoints: 9 },
  { minPercent: 70, letter: "A", gradePoints: 8 },
  { minPercent: 60, letter: "B+", gradePoints: 7 },
  { minPercent: 50, letter: "B", gradePoints: 6 },
  { minPercent: 45, letter: "C", gradePoints: 5 },
  { minPercent: 40, letter: "P", gradePoints: 4 },
  { minPercent: 0, letter: "F", gradePoints: 0 },
];

/** CBSE-style nine-point grades by percentage (A1 … E; E needs improvement). */
export const CBSE_BANDS: GradeBand[] = [
  { minPercent: 91, letter: "A1", gradePoints: 10 },
  { minPercent: 81, letter: "A2", gradePoints: 9 },
  { minPercent: 71, letter: "B1", gradePoints: 8 },
  { minPercent: 61, letter: "B2", gradePoints: 7 },
  { minPercent: 51, letter: "C1", gradePoints: 6 },
  { minPercent: 41, letter: "C2", gradePoints: 5 },
  { minPercent: 33, letter: "D", gradePoints: 4 },
  { minPercent: 0, letter: "E", gradePoints: 0 },
];

export type CourseGrade = { letter: string; points: number; failed: boolean; absent: boolean };

/**
 * The letter and grade point a course earns. The scheme's pass rules decide first: a failed
 * course is F (0) whatever its percentage, an absent one Ab (0); otherwise the band of the
 * shown percentage. Null while there is nothing to grade (or the outcome is pending).
 */
export function courseGrade(shown: number | null, outcome: Outcome | null, bands: GradeBand[]): CourseGrade | null {
  if (outcome === "pending") return null;
  // The letter by the one rule every screen shows (lib/results/evaluate.ts); its points here.
  const letter = gradeUnderScheme(shown, outcome, bands);
  if (letter === null) return null;
  if (outcome === "fail" || outcome === "absent") return { letter, points: 0, failed: true, absent: outcome === "absent" };
  const points = bands.find((b) => b.letter === letter)?.gradePoints ?? 0;
  return { letter, points, failed: points === 0, absent: false };
}

export type GpaPolicy = { places: number; method: RoundingMethod };
export const DEFAULT_GPA_POLICY: GpaPolicy = { places: 2, method: "half-up" };

export type GpaCourse = {
  /** The same subject across attempts (a repeat names the same code). */
  code: string;
  termId: number;
  /** Orders attempts: a later attempt replaces an earlier failed one. */
  termOrder: number;
  credits: number;
  grade: CourseGrade | null;
};

export type Gpa = { value: number | null; exact: number | null; credits: number; earned: number; points: number };

function gpaOf(list: GpaCourse[], policy: GpaPolicy): Gpa {
  let credits = 0;
  let earned = 0;
  let points = 0;
  for (const c of list) {
    if (!c.grade || !Number.isFinite(c.credits) || c.credits <= 0) continue;
    credits += c.credits;
    points += c.credits * c.grade.points;
    if (!c.grade.failed) earned += c.credits;
  }
  const exact = credits > 0 ? points / credits : null;
  return { value: exact === null ? null : roundTo(exact, policy.places, policy.method), exact, credits, earned, points };
}

/** SGPA of one term: every graded credit course of the term, failed ones included. */
export function sgpa(courses: GpaCourse[], termId: number, policy = DEFAULT_GPA_POLICY): Gpa {
  return gpaOf(
    courses.filter((c) => c.termId === termId),
    policy,
  );
}

/**
 * CGPA over every term. For a subject taken more than once, the latest graded attempt counts
 * (a pass replaces the failed attempt; the history keeps both, the caller shows them).
 */
export function cgpa(courses: GpaCourse[], policy = DEFAULT_GPA_POLICY): Gpa {
  const latest = new Map<string, GpaCourse>();
  for (const c of courses) {
    if (!c.grade) continue;
    const was = latest.get(c.code);
    if (!was || c.termOrder > was.termOrder) latest.set(c.code, c);
  }
  return gpaOf([...latest.values()], policy);
}

/** A named conversion from CGPA to a percentage, printed on the grade card as its formula. */
export type PercentConversion = { id: string; name: string; formula: string; factor: number; offset: number };

export const PERCENT_CONVERSIONS: PercentConversion[] = [
  { id: "ugc-x10", name: "CGPA × 10", formula: "Percentage = CGPA × 10", factor: 10, offset: 0 },
  { id: "cbse-x9.5", name: "CGPA × 9.5 (CBSE)", formula: "Percentage = CGPA × 9.5", factor: 9.5, offset: 0 },
  { id: "minus-0.75-x10", name: "(CGPA − 0.75) × 10", formula: "Percentage = (CGPA − 0.75) × 10", factor: 10, offset: -7.5 },
  { id: "mumbai-7.1", name: "7.1 × CGPA + 11", formula: "Percentage = 7.1 × CGPA + 11", factor: 7.1, offset: 11 },
];

/** The percentage a conversion gives, to two places, within 0–100. */
export function toPercent(cgpaValue: number | null, conversion: PercentConversion): number | null {
  if (cgpaValue === null || !Number.isFinite(cgpaValue)) return null;
  return Math.min(100, Math.max(0, roundTo(cgpaValue * conversion.factor + conversion.offset, 2, "half-up")));
}
