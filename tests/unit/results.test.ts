import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  attendanceRate,
  computeCourseResult,
  computeOverall,
  formatPercent,
  gradeFor,
  roundHalfUp,
  validateBands,
  DEFAULT_BANDS,
  type AssessmentInput,
  type MarkInput,
} from "@/lib/results";

const worked: AssessmentInput[] = [
  { id: 1, name: "Quiz", maxScore: 20, weight: 10, published: true },
  { id: 2, name: "Midterm", maxScore: 50, weight: 30, published: true },
  { id: 3, name: "Project", maxScore: 100, weight: 20, published: true },
];
const workedMarks: MarkInput[] = [
  { assessmentId: 1, score: 15, status: "graded" },
  { assessmentId: 2, score: 36, status: "graded" },
  { assessmentId: 3, score: null, status: "excused" },
];

describe("the worked example of PRODUCT.md §3", () => {
  it("gives 72.75, shown 72.8, grade B", () => {
    const r = computeCourseResult(worked, workedMarks);
    expect(r.percent).toBeCloseTo(72.75, 10);
    expect(r.shown).toBe(72.8);
    expect(formatPercent(r.percent)).toBe("72.8%");
    expect(gradeFor(r.shown)?.letter).toBe("B");
    expect(r.countedWeight).toBe(40);
  });

  it("explains itself: the excused project is excluded and the contributions add up", () => {
    const r = computeCourseResult(worked, workedMarks);
    const project = r.breakdown.find((b) => b.name === "Project")!;
    expect(project).toMatchObject({ counted: false, reason: "excused", contribution: null });
    const sum = r.breakdown.reduce((s, b) => s + (b.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(r.percent!, 10);
    expect(r.breakdown.find((b) => b.name === "Quiz")).toMatchObject({ counted: true, fraction: 0.75, share: 25 });
  });
});

describe("what counts", () => {
  it("counts absent and missing as 0, excludes excused and empty", () => {
    const r = computeCourseResult(worked, [
      { assessmentId: 1, score: 20, status: "graded" },
      { assessmentId: 2, score: null, status: "absent" },
      { assessmentId: 3, score: null, status: "missing" },
    ]);
    // (10·1 + 30·0 + 20·0) / 60
    expect(r.percent).toBeCloseTo(16.6667, 3);
    const empty = computeCourseResult(worked, [{ assessmentId: 1, score: 10, status: "graded" }]);
    expect(empty.percent).toBe(50);
    expect(empty.breakdown.filter((b) => b.reason === "not-entered")).toHaveLength(2);
  });

  it("keeps a late mark's score and ignores unpublished assessments", () => {
    const r = computeCourseResult([...worked, { id: 4, name: "Draft", maxScore: 10, weight: 50, published: false }], [
      { assessmentId: 1, score: 10, status: "late" },
      { assessmentId: 4, score: 0, status: "graded" },
    ]);
    expect(r.percent).toBe(50);
    expect(r.breakdown.find((b) => b.assessmentId === 4)?.reason).toBe("unpublished");
  });

  it("with no counted weight is empty — never 0 and never NaN", () => {
    for (const marks of [[], [{ assessmentId: 3, score: null, status: "excused" as const }]]) {
      const r = computeCourseResult(worked, marks);
      expect(r.percent).toBeNull();
      expect(r.shown).toBeNull();
      expect(formatPercent(r.percent)).toBe("—");
      expect(gradeFor(r.shown)).toBeNull();
    }
    const zeroWeights = computeCourseResult([{ id: 1, name: "Q", maxScore: 10, weight: 0, published: true }], [{ assessmentId: 1, score: 5, status: "graded" }]);
    expect(zeroWeights.percent).toBeNull();
  });
});

describe("rounding and grades", () => {
  it("shows 89.95 as 90.0 and grades it A+", () => {
    expect(roundHalfUp(89.95)).toBe(90);
    expect(formatPercent(89.95)).toBe("90.0%");
    expect(gradeFor(roundHalfUp(89.95))?.letter).toBe("A+");
    expect(gradeFor(roundHalfUp(39.95))?.letter).toBe("E");
  });

  it("rounds half up despite binary floating point", () => {
    expect(roundHalfUp(72.75)).toBe(72.8);
    expect(roundHalfUp(72.85)).toBe(72.9);
    expect(roundHalfUp(0.05)).toBe(0.1);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(72.84)).toBe(72.8);
  });

  it("looks up every default band at its boundary", () => {
    const at = (p: number) => gradeFor(p)?.letter;
    expect([at(100), at(90), at(89.9), at(80), at(70), at(60), at(50), at(40), at(39.9), at(0)]).toEqual(["A+", "A+", "A", "A", "B", "C", "D", "E", "F", "F"]);
  });

  it("validates a grading scale", () => {
    expect(validateBands(DEFAULT_BANDS)).toEqual([]);
    expect(validateBands([{ minPercent: 50, letter: "P" }])).toContain("One band must start at 0% so every result has a grade.");
    expect(validateBands([{ minPercent: 0, letter: "P" }, { minPercent: 0, letter: "P" }]).length).toBeGreaterThan(0);
  });
});

describe("overall and attendance", () => {
  it("weights course results by credits and skips empty ones", () => {
    const r = computeOverall([
      { courseId: 1, credits: 4, percent: 80 },
      { courseId: 2, credits: 2, percent: 50 },
      { courseId: 3, credits: 3, percent: null },
    ]);
    expect(r.percent).toBe(70);
    expect(computeOverall([{ courseId: 1, credits: 3, percent: null }]).percent).toBeNull();
  });

  it("computes (present + late) / (sessions − excused)", () => {
    const r = attendanceRate([{ status: "present" }, { status: "late" }, { status: "absent" }, { status: "excused" }]);
    expect(r.rate).toBeCloseTo(66.667, 2);
    expect(r.shown).toBe(66.7);
    expect(attendanceRate([{ status: "excused" }]).rate).toBeNull();
    expect(attendanceRate([]).rate).toBeNull();
  });
});

const assessmentArb = fc.record({
  maxScore: fc.integer({ min: 1, max: 200 }),
  weight: fc.integer({ min: 0, max: 100 }),
  published: fc.boolean(),
  frac: fc.double({ min: 0, max: 1, noNaN: true }),
  status: fc.constantFrom("graded", "absent", "missing", "excused", "late", "empty"),
});

function build(items: { maxScore: number; weight: number; published: boolean; frac: number; status: string }[]) {
  const assessments: AssessmentInput[] = items.map((it, i) => ({ id: i + 1, name: `A${i + 1}`, maxScore: it.maxScore, weight: it.weight, published: it.published }));
  const marks: MarkInput[] = items.flatMap((it, i) =>
    it.status === "empty" ? [] : [{ assessmentId: i + 1, score: it.status === "graded" || it.status === "late" ? Math.round(it.frac * it.maxScore * 10) / 10 : null, status: it.status as MarkInput["status"] }],
  );
  return { assessments, marks };
}

describe("properties", () => {
  it("reordering assessments and marks never changes the percentage", () => {
    fc.assert(
      fc.property(fc.array(assessmentArb, { minLength: 1, maxLength: 12 }), fc.integer(), (items, seed) => {
        const { assessments, marks } = build(items);
        const shuffled = [...assessments].sort((a, b) => ((a.id * 7919 + seed) % 13) - ((b.id * 7919 + seed) % 13));
        const a = computeCourseResult(assessments, marks).percent;
        const b = computeCourseResult(shuffled, [...marks].reverse()).percent;
        if (a === null) expect(b).toBeNull();
        else expect(b).toBeCloseTo(a, 9);
      }),
    );
  });

  it("scaling all weights by the same factor never changes the percentage", () => {
    fc.assert(
      fc.property(fc.array(assessmentArb, { minLength: 1, maxLength: 12 }), fc.double({ min: 0.01, max: 1000, noNaN: true }), (items, k) => {
        const { assessments, marks } = build(items);
        const scaled = assessments.map((a) => ({ ...a, weight: a.weight * k }));
        const a = computeCourseResult(assessments, marks).percent;
        const b = computeCourseResult(scaled, marks).percent;
        if (a === null) expect(b).toBeNull();
        else expect(b!).toBeCloseTo(a, 6);
      }),
    );
  });

  it("stays within [0, 100] and is never NaN", () => {
    fc.assert(
      fc.property(fc.array(assessmentArb, { maxLength: 15 }), (items) => {
        const { assessments, marks } = build(items);
        const r = computeCourseResult(assessments, marks);
        if (r.percent !== null) {
          expect(Number.isNaN(r.percent)).toBe(false);
          expect(r.percent).toBeGreaterThanOrEqual(0);
          expect(r.percent).toBeLessThanOrEqual(100 + 1e-9);
        }
      }),
    );
  });

  it("adding an excused mark or an unpublished assessment changes nothing", () => {
    fc.assert(
      fc.property(fc.array(assessmentArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 100 }), (items, w) => {
        const { assessments, marks } = build(items);
        const before = computeCourseResult(assessments, marks).percent;
        const id = assessments.length + 1;
        const excused = computeCourseResult([...assessments, { id, name: "X", maxScore: 10, weight: w, published: true }], [...marks, { assessmentId: id, score: null, status: "excused" }]).percent;
        const unpublished = computeCourseResult([...assessments, { id, name: "X", maxScore: 10, weight: w, published: false }], [...marks, { assessmentId: id, score: 3, status: "graded" }]).percent;
        for (const after of [excused, unpublished]) {
          if (before === null) expect(after).toBeNull();
          else expect(after).toBeCloseTo(before, 9);
        }
      }),
    );
  });
});
