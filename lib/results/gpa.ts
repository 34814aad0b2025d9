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

/** The conversion a program without a choice prints. */
export const DEFAULT_CONVERSION_KEY = "ugc-x10";

/** The percentage a conversion gives, to two places, within 0–100. */
export function toPercent(cgpaValue: number | null, conversion: PercentConversion): number | null {
  if (cgpaValue === null || !Number.isFinite(cgpaValue)) return null;
  return Math.min(100, Math.max(0, roundTo(cgpaValue * conversion.factor + conversion.offset, 2, "half-up")));
}

/** The shape toPercent needs, without the preset id (a conversion saved by an admin has none). */
export type ConversionRule = Pick<PercentConversion, "factor" | "offset">;

const num = (n: number) => String(Number(n.toPrecision(12)));

/** The formula text a factor and offset print as: "Percentage = CGPA × 9.5", "Percentage = 7.1 × CGPA + 11". */
export function conversionFormula({ factor, offset }: ConversionRule): string {
  if (offset === 0) return `Percentage = CGPA × ${num(factor)}`;
  return `Percentage = ${num(factor)} × CGPA ${offset < 0 ? "−" : "+"} ${num(Math.abs(offset))}`;
}

/**
 * Reads a formula as an admin writes it ("Percentage = (CGPA − 0.75) × 10"): numbers, CGPA,
 * + − × ÷ (or * / x), brackets. Returns the factor and offset it computes, or why it cannot be
 * one: a grade card prints the text and computes factor × CGPA + offset, so the two must agree.
 */
export function parseConversionFormula(text: string): { ok: true; rule: ConversionRule } | { ok: false; message: string } {
  const body = text.replace(/^\s*(percentage|percent|%)\s*=\s*/i, "");
  const tokens = body.match(/\d+(?:\.\d+)?|\.\d+|CGPA|[+\-−–×*x÷/()]|\S/gi) ?? [];
  let i = 0;
  type F = (cgpa: number) => number;
  const fail = (message: string): never => {
    throw new Error(message);
  };
  const peek = () => tokens[i];
  const isOp = (t: string | undefined, ops: string[]) => t !== undefined && ops.includes(t.toLowerCase());
  function primary(): F {
    const t = tokens[i++];
    if (t === undefined) return fail("The formula ends too soon.");
    if (/^(\d+(\.\d+)?|\.\d+)$/.test(t)) {
      const v = Number(t);
      return () => v;
    }
    if (/^cgpa$/i.test(t)) return (c) => c;
    if (isOp(t, ["-", "−", "–"])) {
      const inner = primary();
      return (c) => -inner(c);
    }
    if (t === "(") {
      const inner = sum();
      if (tokens[i++] !== ")") fail("A bracket is not closed.");
      return inner;
    }
    return fail(`“${t}” is not a number, CGPA or an operator.`);
  }
  function product(): F {
    let left = primary();
    while (isOp(peek(), ["×", "*", "x", "÷", "/"])) {
      const op = tokens[i++].toLowerCase();
      const l = left;
      const r = primary();
      left = op === "÷" || op === "/" ? (c) => l(c) / r(c) : (c) => l(c) * r(c);
    }
    return left;
  }
  function sum(): F {
    let left = product();
    while (isOp(peek(), ["+", "-", "−", "–"])) {
      const op = tokens[i++];
      const l = left;
      const r = product();
      left = op === "+" ? (c) => l(c) + r(c) : (c) => l(c) - r(c);
    }
    return left;
  }
  try {
    if (!tokens.length) return { ok: false, message: "Write the formula, e.g. Percentage = CGPA × 9.5." };
    const f = sum();
    if (i < tokens.length) return { ok: false, message: `Unexpected “${tokens[i]}” in the formula.` };
    if (!tokens.some((t) => /^cgpa$/i.test(t))) return { ok: false, message: "The formula must use CGPA." };
    const offset = f(0);
    const factor = f(1) - offset;
    // A straight line: the same at every CGPA on the card's 0–10 scale.
    for (const c of [2.5, 7.3, 10]) {
      const v = f(c);
      if (!Number.isFinite(v) || Math.abs(v - (factor * c + offset)) > 1e-9) return { ok: false, message: "The formula must be of the form a × CGPA + b." };
    }
    return { ok: true, rule: { factor: Number(factor.toPrecision(12)), offset: Number(offset.toPrecision(12)) } };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** Does the printed formula compute factor × CGPA + offset? */
export function formulaMatches(text: string, rule: ConversionRule): boolean {
  const parsed = parseConversionFormula(text);
  return parsed.ok && Math.abs(parsed.rule.factor - rule.factor) < 1e-9 && Math.abs(parsed.rule.offset - rule.offset) < 1e-9;
}

/** A course of a candidate's history, as the GPA reads it. */
export type GpaInput = {
  courseId: number;
  code: string;
  termId: number;
  /** The term's place in time (1 = the earliest): orders attempts and bounds a card's CGPA. */
  termOrder: number;
  credits: number;
  shown: number | null;
  outcome: Outcome | null;
  bands: GradeBand[];
};

export type GradedCourse = GpaCourse & {
  courseId: number;
  /** 1 for the first time the code was taken, 2 for the first repeat, … */
  attempt: number;
  /** How many attempts of the code the history holds. */
  attempts: number;
};

/**
 * Grades a history: each course's letter and grade points (courseGrade), its attempt number
 * (the same code in an earlier term is an earlier attempt), each term's SGPA and the CGPA.
 * The one place the candidate page, the result page and the grade card take them from.
 */
export function gpaSummary(list: GpaInput[], policy: GpaPolicy = DEFAULT_GPA_POLICY) {
  const byCode = new Map<string, GpaInput[]>();
  for (const c of list) {
    const same = byCode.get(c.code);
    if (same) same.push(c);
    else byCode.set(c.code, [c]);
  }
  const courses = new Map<number, GradedCourse>();
  for (const same of byCode.values()) {
    same.sort((a, b) => a.termOrder - b.termOrder || a.courseId - b.courseId);
    same.forEach((c, i) =>
      courses.set(c.courseId, {
        courseId: c.courseId,
        code: c.code,
        termId: c.termId,
        termOrder: c.termOrder,
        credits: c.credits,
        grade: courseGrade(c.shown, c.outcome, c.bands),
        attempt: i + 1,
        attempts: same.length,
      }),
    );
  }
  const all = [...courses.values()];
  const terms = new Map<number, Gpa>();
  for (const termId of new Set(list.map((c) => c.termId))) terms.set(termId, sgpa(all, termId, policy));
  return {
    courses,
    terms,
    cgpa: cgpa(all, policy),
    /** The CGPA as it stood at the end of a term: that term and every earlier one. */
    cgpaThrough: (termOrder: number) =>
      cgpa(
        all.filter((c) => c.termOrder <= termOrder),
        policy,
      ),
  };
}

export type GpaSummary = ReturnType<typeof gpaSummary>;

export type CourseVerdict = "Pass" | "Fail" | "Absent" | "Pending";

/** The result column of a grade card: the scheme's outcome, else what the grade says. */
export function courseVerdict(outcome: Outcome | null, grade: CourseGrade | null): CourseVerdict {
  if (outcome === "absent") return "Absent";
  if (outcome === "fail") return "Fail";
  if (outcome === "pending" || !grade) return "Pending";
  if (outcome === "pass") return "Pass";
  return grade.failed ? "Fail" : "Pass";
}

/** "8.00" under the policy's places, or an em dash. */
export function formatGpa(gpa: { value: number | null } | number | null, places: number): string {
  const v = typeof gpa === "number" || gpa === null ? gpa : gpa.value;
  return v === null || !Number.isFinite(v) ? "—" : v.toFixed(places);
}
