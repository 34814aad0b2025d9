import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  cgpa,
  conversionFormula,
  courseGrade,
  courseVerdict,
  formatGpa,
  formulaMatches,
  gpaSummary,
  parseConversionFormula,
  PERCENT_CONVERSIONS,
  sgpa,
  toPercent,
  UGC_BANDS,
  CBSE_BANDS,
  type GpaCourse,
  type GpaInput,
} from "@/lib/results/gpa";
import { percentConversionSchema } from "@/lib/forms/percent-conversion";
import { programSchema } from "@/lib/forms/program";
import { eligibility, DEFAULT_ELIGIBILITY, validateEligibility } from "@/lib/results/eligibility";
import { validateBands } from "@/lib/results/grades";
import { gradeUnderScheme } from "@/lib/results/evaluate";

const pass = (points: number) => ({ letter: "x", points, failed: points === 0, absent: false });
const course = (code: string, credits: number, points: number, termId = 1, termOrder = 1): GpaCourse => ({
  code,
  credits,
  termId,
  termOrder,
  grade: pass(points),
});

describe("SGPA and CGPA (issue 14 worked examples)", () => {
  it("credits 4, 3, 2 with grade points 9, 8, 6 → (36 + 24 + 12) / 9 = 8.00", () => {
    const r = sgpa([course("A", 4, 9), course("B", 3, 8), course("C", 2, 6)], 1);
    expect(r).toMatchObject({ value: 8, credits: 9, earned: 9, points: 72 });
  });
  it("a failed 3-credit course keeps its credits: 48 / 9 = 5.33, not 48 / 6", () => {
    const r = sgpa([course("A", 4, 9), course("B", 3, 0), course("C", 2, 6)], 1);
    expect(r.value).toBe(5.33);
    expect(r.credits).toBe(9);
    expect(r.earned).toBe(6);
  });
  it("leaves non-credit and ungraded courses out", () => {
    const r = sgpa([course("A", 4, 9), course("NSS", 0, 10), { code: "P", credits: 3, termId: 1, termOrder: 1, grade: null }], 1);
    expect(r).toMatchObject({ value: 9, credits: 4 });
    expect(sgpa([], 1).value).toBeNull();
  });
  it("a repeat attempt replaces the failed grade in the CGPA", () => {
    const first = [course("A", 4, 9, 1, 1), course("B", 3, 0, 1, 1)];
    expect(cgpa(first).value).toBe(5.14); // 36 / 7
    const repeated = [...first, course("B", 3, 7, 2, 2)];
    expect(cgpa(repeated).value).toBe(8.14); // (36 + 21) / 7
    // The term's own SGPA still shows the failed attempt.
    expect(sgpa(repeated, 1).value).toBe(5.14);
  });
  it("rounds as the policy says", () => {
    const list = [course("A", 3, 9), course("B", 3, 8), course("C", 3, 8)]; // 8.333…
    expect(sgpa(list, 1, { places: 2, method: "half-up" }).value).toBe(8.33);
    expect(sgpa(list, 1, { places: 1, method: "up" }).value).toBe(8.4);
    expect(sgpa(list, 1, { places: 0, method: "down" }).value).toBe(8);
  });
  it("property: the SGPA lies between the lowest and highest grade point counted", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ credits: fc.integer({ min: 1, max: 6 }), points: fc.integer({ min: 0, max: 10 }) }), { minLength: 1, maxLength: 10 }),
        (list) => {
          const r = sgpa(
            list.map((c, i) => course(`C${i}`, c.credits, c.points)),
            1,
            { places: 6, method: "half-up" },
          );
          const pts = list.map((c) => c.points);
          expect(r.exact!).toBeGreaterThanOrEqual(Math.min(...pts) - 1e-9);
          expect(r.exact!).toBeLessThanOrEqual(Math.max(...pts) + 1e-9);
        },
      ),
    );
  });
});

describe("course grades follow the pass rules", () => {
  it("a failed course is F whatever its percentage; absent is Ab; pending has none", () => {
    expect(courseGrade(85, "fail", UGC_BANDS)).toEqual({ letter: "F", points: 0, failed: true, absent: false });
    expect(courseGrade(85, "absent", UGC_BANDS)).toEqual({ letter: "Ab", points: 0, failed: true, absent: true });
    expect(courseGrade(85, "pending", UGC_BANDS)).toBeNull();
  });
  it("otherwise the band of the shown percentage, on the UGC and CBSE scales", () => {
    expect(courseGrade(85, "pass", UGC_BANDS)).toMatchObject({ letter: "A+", points: 9 });
    expect(courseGrade(89.96, null, UGC_BANDS)).toMatchObject({ letter: "O", points: 10 });
    expect(courseGrade(40, "pass", UGC_BANDS)).toMatchObject({ letter: "P", points: 4 });
    expect(courseGrade(33, null, CBSE_BANDS)).toMatchObject({ letter: "D", points: 4 });
    expect(validateBands(UGC_BANDS)).toEqual([]);
    expect(validateBands(CBSE_BANDS)).toEqual([]);
  });
});

describe("CGPA to percentage", () => {
  it("prints and applies each named formula", () => {
    const by = (id: string) => PERCENT_CONVERSIONS.find((c) => c.id === id)!;
    expect(toPercent(8.14, by("ugc-x10"))).toBe(81.4);
    expect(toPercent(8, by("cbse-x9.5"))).toBe(76);
    expect(toPercent(8, by("minus-0.75-x10"))).toBe(72.5);
    expect(toPercent(8, by("mumbai-7.1"))).toBe(67.8);
    expect(toPercent(null, by("ugc-x10"))).toBeNull();
    expect(by("mumbai-7.1").formula).toBe("Percentage = 7.1 × CGPA + 11");
  });
});

describe("attendance eligibility (minimum 75, condonation 65–75)", () => {
  it("75.0 % → eligible; 70 % → condonable; 60 % → detained", () => {
    expect(eligibility(75, DEFAULT_ELIGIBILITY).status).toBe("eligible");
    expect(eligibility(70, DEFAULT_ELIGIBILITY)).toEqual({ status: "condonable", rate: 70, limitReached: false });
    expect(eligibility(60, DEFAULT_ELIGIBILITY)).toMatchObject({ status: "detained", rate: 60 });
  });
  it("judges the rate as shown: 74.96 % reads 75.0 % and is eligible; 64.94 % is detained", () => {
    expect(eligibility(74.96, DEFAULT_ELIGIBILITY).status).toBe("eligible");
    expect(eligibility(64.94, DEFAULT_ELIGIBILITY).status).toBe("detained");
    expect(eligibility(64.95, DEFAULT_ELIGIBILITY).status).toBe("condonable");
  });
  it("an approved condonation makes a condonable candidate eligible to sit; the limit is reported", () => {
    expect(eligibility(70, DEFAULT_ELIGIBILITY, { condoned: true }).status).toBe("condoned");
    expect(eligibility(70, DEFAULT_ELIGIBILITY, { condonationsUsed: 2 })).toMatchObject({ status: "condonable", limitReached: true });
    expect(eligibility(null, DEFAULT_ELIGIBILITY).status).toBe("eligible");
  });
  it("refuses a policy that cannot be applied", () => {
    expect(validateEligibility({ minimum: 75, condonableFrom: 80, maxCondonations: 1 })).toHaveLength(1);
    expect(validateEligibility({ minimum: 101, condonableFrom: 65, maxCondonations: -1 })).toHaveLength(2);
    expect(validateEligibility(DEFAULT_ELIGIBILITY)).toEqual([]);
  });
});

describe("the letter under a scheme's verdict", () => {
  it("Fail takes the scale's lowest letter whatever the percentage, Absent is Ab, otherwise the band", () => {
    expect(gradeUnderScheme(85, "fail", UGC_BANDS)).toBe("F");
    expect(gradeUnderScheme(85, "fail", CBSE_BANDS)).toBe("E");
    expect(gradeUnderScheme(85, "absent", UGC_BANDS)).toBe("Ab");
    expect(gradeUnderScheme(85, "pending", UGC_BANDS)).toBe("A+");
    expect(gradeUnderScheme(85, "pass", UGC_BANDS)).toBe("A+");
    expect(gradeUnderScheme(72.8, null)).toBe("B");
    expect(gradeUnderScheme(null, null)).toBeNull();
  });
});

describe("conversion formulas: printed text and arithmetic agree", () => {
  it("every preset's printed formula computes its factor and offset", () => {
    for (const c of PERCENT_CONVERSIONS) expect(formulaMatches(c.formula, c), c.id).toBe(true);
    expect(parseConversionFormula("Percentage = (CGPA − 0.75) × 10")).toEqual({ ok: true, rule: { factor: 10, offset: -7.5 } });
    expect(parseConversionFormula("7.1*cgpa+11")).toEqual({ ok: true, rule: { factor: 7.1, offset: 11 } });
    expect(parseConversionFormula("CGPA / 10 * 100")).toEqual({ ok: true, rule: { factor: 10, offset: 0 } });
  });
  it("makes the text from a factor and offset", () => {
    expect(conversionFormula({ factor: 9.5, offset: 0 })).toBe("Percentage = CGPA × 9.5");
    expect(conversionFormula({ factor: 10, offset: -7.5 })).toBe("Percentage = 10 × CGPA − 7.5");
    expect(formulaMatches(conversionFormula({ factor: 7.25, offset: 3.1 }), { factor: 7.25, offset: 3.1 })).toBe(true);
  });
  it("refuses what is not a straight line in CGPA, or not a formula", () => {
    expect(parseConversionFormula("CGPA × CGPA")).toMatchObject({ ok: false, message: expect.stringMatching(/a × CGPA \+ b/) });
    expect(parseConversionFormula("9.5 × 10")).toMatchObject({ ok: false, message: "The formula must use CGPA." });
    expect(parseConversionFormula("(CGPA + 1")).toMatchObject({ ok: false, message: "A bracket is not closed." });
    expect(parseConversionFormula("CGPA × ten")).toMatchObject({ ok: false });
    expect(parseConversionFormula("")).toMatchObject({ ok: false });
  });
  it("the form says beside the formula when it does not compute the factor and offset", () => {
    const bad = percentConversionSchema.safeParse({ name: "Mine", factor: "9.5", offset: "", formula: "Percentage = CGPA × 10" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["formula"], message: expect.stringContaining("computes CGPA × 10, not CGPA × 9.5") });
    const blank = percentConversionSchema.parse({ name: "Mine", factor: "9.5", offset: "", formula: "" });
    expect(blank).toMatchObject({ factor: 9.5, offset: 0, formula: "Percentage = CGPA × 9.5" });
    expect(percentConversionSchema.safeParse({ name: "Mine", factor: "0", formula: "" }).success).toBe(false);
  });
  it("a program's policy: places 0–4, a known rounding method and card; defaults when left out", () => {
    expect(programSchema.parse({ code: "B", name: "B" })).toMatchObject({
      gpaPlaces: 2,
      gpaRounding: "half-up",
      gradeCard: "college",
      percentConversionId: null,
    });
    const bad = programSchema.safeParse({ code: "B", name: "B", gpaPlaces: "5", gpaRounding: "sideways", gradeCard: "pdf" });
    expect(Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]))).toEqual({
      gpaPlaces: "A whole number of places, 0 to 4",
      gpaRounding: "Choose how SGPA and CGPA are rounded",
      gradeCard: "Choose the grade card: college or school",
    });
    expect(programSchema.safeParse({ code: "B", name: "B", gpaPlaces: "" }).success).toBe(false);
  });
});

describe("a candidate's history: attempts, SGPA per term, CGPA", () => {
  const bands = UGC_BANDS;
  const row = (courseId: number, code: string, termOrder: number, credits: number, shown: number | null, outcome: GpaInput["outcome"] = null): GpaInput => ({
    courseId,
    code,
    termId: termOrder * 100,
    termOrder,
    credits,
    shown,
    outcome,
    bands,
  });
  it("numbers attempts by term; the CGPA takes the latest graded one; each term keeps its own", () => {
    // Term 1: MA101 (4 cr) O 10, PH101 (3 cr) failed by the scheme although 55 %; term 2 repeats PH101 at 72 (A, 8).
    const s = gpaSummary([row(1, "MA101", 1, 4, 92), row(2, "PH101", 1, 3, 55, "fail"), row(3, "PH101", 2, 3, 72, "pass")]);
    expect([...s.courses.values()].map((c) => [c.courseId, c.attempt, c.attempts, c.grade?.letter, c.grade?.points])).toEqual([
      [1, 1, 1, "O", 10],
      [2, 1, 2, "F", 0],
      [3, 2, 2, "A", 8],
    ]);
    expect(s.terms.get(100)).toMatchObject({ value: 5.71, credits: 7, earned: 4 }); // 40 / 7
    expect(s.terms.get(200)).toMatchObject({ value: 8, credits: 3 });
    expect(s.cgpa).toMatchObject({ value: 9.14, credits: 7 }); // (40 + 24) / 7
    expect(s.cgpaThrough(1).value).toBe(5.71);
  });
  it("a repeat still pending does not replace the failed attempt", () => {
    const s = gpaSummary([row(1, "PH101", 1, 3, 30, "fail"), row(2, "PH101", 2, 3, 90, "pending")]);
    expect(s.courses.get(2)!.grade).toBeNull();
    expect(s.cgpa).toMatchObject({ value: 0, credits: 3 });
  });
  it("the result column: the scheme's outcome, else the grade's", () => {
    const g = courseGrade(72, null, bands);
    expect(courseVerdict(null, g)).toBe("Pass");
    expect(courseVerdict(null, courseGrade(20, null, bands))).toBe("Fail");
    expect(courseVerdict("absent", courseGrade(null, "absent", bands))).toBe("Absent");
    expect(courseVerdict("pending", null)).toBe("Pending");
    expect(courseVerdict(null, null)).toBe("Pending");
  });
  it("prints to the policy's places, or a dash", () => {
    expect(formatGpa({ value: 8 }, 2)).toBe("8.00");
    expect(formatGpa(5.3, 1)).toBe("5.3");
    expect(formatGpa({ value: null }, 2)).toBe("—");
  });
});
