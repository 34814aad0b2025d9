import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  assessmentTrend,
  attendanceRate,
  computeCourseResult,
  computeOverall,
  countMissing,
  formatPercent,
  formatShown,
  gradeFor,
  gradeOf,
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
    expect(gradeOf(r)?.letter).toBe("B");
    expect(r.countedWeight).toBe(40);
    expect(r.totalWeight).toBe(60);
  });

  it("explains itself: the excused project is excluded and the contributions add up", () => {
    const r = computeCourseResult(worked, workedMarks);
    const project = r.breakdown.find((b) => b.name === "Project")!;
    expect(project).toMatchObject({ counted: false, reason: "excused", contribution: null });
    const sum = r.breakdown.reduce((s, b) => s + (b.contribution ?? 0), 0);
    expect(sum).toBeCloseTo(r.percent!, 10);
    expect(r.breakdown.find((b) => b.name === "Quiz")).toMatchObject({ counted: true, reason: "counted", fraction: 0.75, share: 25 });
    expect(r.breakdown.find((b) => b.name === "Quiz")?.contribution).toBeCloseTo(18.75, 10);
    expect(r.breakdown.find((b) => b.name === "Midterm")?.contribution).toBeCloseTo(54, 10);
    expect(r.breakdown.map((b) => b.name)).toEqual(["Quiz", "Midterm", "Project"]);
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
    const r = computeCourseResult(
      [...worked, { id: 4, name: "Draft", maxScore: 10, weight: 50, published: false }],
      [
        { assessmentId: 1, score: 10, status: "late" },
        { assessmentId: 4, score: 0, status: "graded" },
      ],
    );
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
    const zeroWeights = computeCourseResult(
      [{ id: 1, name: "Q", maxScore: 10, weight: 0, published: true }],
      [{ assessmentId: 1, score: 5, status: "graded" }],
    );
    expect(zeroWeights.percent).toBeNull();
    expect(zeroWeights.breakdown[0]).toMatchObject({ counted: false, reason: "zero-weight", contribution: null, share: null });
    expect(computeCourseResult([], []).percent).toBeNull();
  });

  it("marks absent and missing with their own reasons, and a late mark without a score as not entered", () => {
    const r = computeCourseResult(worked, [
      { assessmentId: 1, score: null, status: "absent" },
      { assessmentId: 2, score: null, status: "missing" },
      { assessmentId: 3, score: null, status: "late" },
    ]);
    expect(r.breakdown.map((b) => b.reason)).toEqual(["absent-counts-zero", "missing-counts-zero", "not-entered"]);
    expect(r.percent).toBe(0);
    expect(r.shown).toBe(0);
    expect(formatPercent(r.shown)).toBe("0.0%");
  });

  it("a weight-0 assessment is shown but moves nothing", () => {
    const withPractice = computeCourseResult(
      [...worked, { id: 4, name: "Practice", maxScore: 10, weight: 0, published: true }],
      [...workedMarks, { assessmentId: 4, score: 1, status: "graded" }],
    );
    expect(withPractice.percent).toBeCloseTo(72.75, 10);
    expect(withPractice.breakdown.find((b) => b.assessmentId === 4)).toMatchObject({
      counted: false,
      reason: "zero-weight",
      fraction: 0.1,
      contribution: null,
    });
  });

  it("never returns NaN or Infinity for a maximum of 0 or a bad score", () => {
    const r = computeCourseResult(
      [
        { id: 1, name: "Broken", maxScore: 0, weight: 10, published: true },
        { id: 2, name: "Negative", maxScore: -5, weight: 10, published: true },
        { id: 3, name: "Odd score", maxScore: 10, weight: 10, published: true },
      ],
      [
        { assessmentId: 1, score: 5, status: "graded" },
        { assessmentId: 2, score: null, status: "absent" },
        { assessmentId: 3, score: Number.NaN, status: "graded" },
      ],
    );
    expect(r.percent).toBeNull();
    expect(r.breakdown.every((b) => !b.counted && b.contribution === null)).toBe(true);
  });

  it("counts missing marks on published assessments only", () => {
    const list: AssessmentInput[] = [...worked, { id: 4, name: "Draft", maxScore: 10, weight: 1, published: false }];
    const marks: MarkInput[] = [
      { assessmentId: 1, score: null, status: "missing" },
      { assessmentId: 2, score: null, status: "absent" },
      { assessmentId: 4, score: null, status: "missing" },
    ];
    expect(countMissing(list, marks)).toBe(1);
  });
});

describe("rounding and grades", () => {
  it("shows 89.95 as 90.0 and grades it A+", () => {
    expect(roundHalfUp(89.95)).toBe(90);
    expect(formatPercent(89.95)).toBe("90.0%");
    expect(gradeFor(roundHalfUp(89.95))?.letter).toBe("A+");
    expect(roundHalfUp(39.95)).toBe(40);
    expect(gradeFor(roundHalfUp(39.95))?.letter).toBe("E");
    expect(gradeFor(39.94)?.letter).toBe("F");
    expect(gradeFor(null)).toBeNull();
  });

  it("grades a course result from its shown value", () => {
    // 1799 / 2000 = 89.95 % exactly.
    const r = computeCourseResult([{ id: 1, name: "Exam", maxScore: 2000, weight: 1, published: true }], [{ assessmentId: 1, score: 1799, status: "graded" }]);
    expect(r.percent).toBeCloseTo(89.95, 10);
    expect(r.shown).toBe(90);
    expect(gradeOf(r)?.letter).toBe("A+");
    expect(gradeOf(r)?.gradePoints).toBe(10);
  });

  it("rounds half up despite binary floating point", () => {
    expect(roundHalfUp(72.75)).toBe(72.8);
    expect(roundHalfUp(72.85)).toBe(72.9);
    expect(roundHalfUp(0.05)).toBe(0.1);
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(72.84)).toBe(72.8);
    expect(roundHalfUp(89.94)).toBe(89.9);
    expect(roundHalfUp(99.95)).toBe(100);
    expect(roundHalfUp(0.04)).toBe(0);
    expect(roundHalfUp(-72.75)).toBe(-72.8);
    expect(roundHalfUp(2.5, 0)).toBe(3);
    // The worked example's own arithmetic lands a hair below 72.75.
    expect(roundHalfUp(((10 * 0.75 + 30 * 0.72) / 40) * 100)).toBe(72.8);
  });

  it("agrees with exact decimal rounding on every two-decimal value up to 10 000", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        // n / 100 has two decimals; half up to one decimal is floor((n + 5) / 10) / 10 exactly.
        expect(roundHalfUp(n / 100)).toBe(Math.floor((n + 5) / 10) / 10);
      }),
      { numRuns: 5000 },
    );
  });

  it("is idempotent, and the grade of a value is the grade of its shown value", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), (x) => {
        const shown = roundHalfUp(x);
        expect(roundHalfUp(shown)).toBe(shown);
        expect(Math.abs(shown - x)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(gradeFor(x)).toBe(gradeFor(shown));
      }),
    );
  });

  it("formats one style: 72.8% or an em dash", () => {
    expect(formatPercent(72.75)).toBe("72.8%");
    expect(formatPercent(100)).toBe("100.0%");
    expect(formatPercent(0)).toBe("0.0%");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
    expect(formatShown(72.75)).toBe("72.8");
    expect(formatShown(null)).toBe("—");
  });

  it("looks up every default band at its boundary", () => {
    const at = (p: number) => gradeFor(p)?.letter;
    expect([at(100), at(90), at(89.9), at(80), at(70), at(60), at(50), at(40), at(39.9), at(0)]).toEqual(["A+", "A+", "A", "A", "B", "C", "D", "E", "F", "F"]);
  });

  it("validates a grading scale", () => {
    expect(validateBands(DEFAULT_BANDS)).toEqual([]);
    expect(validateBands([{ minPercent: 50, letter: "P" }])).toContain("One band must start at 0% so every result has a grade.");
    expect(validateBands([])).toEqual(["Add at least one grade band."]);
    expect(
      validateBands([
        { minPercent: 0, letter: "P" },
        { minPercent: 0, letter: "P" },
      ]),
    ).toEqual(["The letter P is used twice.", "Two bands start at 0%."]);
    expect(
      validateBands([
        { minPercent: 0, letter: "F" },
        { minPercent: 120, letter: "A" },
      ]),
    ).toEqual(["The minimum for A must be between 0 and 100."]);
    expect(
      validateBands([
        { minPercent: 0, letter: "F" },
        { minPercent: -1, letter: "Z" },
      ]),
    ).toEqual(["The minimum for Z must be between 0 and 100."]);
    expect(validateBands([{ minPercent: 0, letter: " " }])).toEqual(["Every band needs a letter."]);
  });

  it("grades with a custom scale regardless of the order of its bands", () => {
    const bands = [
      { minPercent: 0, letter: "Fail" },
      { minPercent: 75, letter: "Distinction" },
      { minPercent: 50, letter: "Pass" },
    ];
    expect([gradeFor(49.9, bands)?.letter, gradeFor(50, bands)?.letter, gradeFor(74.95, bands)?.letter]).toEqual(["Fail", "Pass", "Distinction"]);
    expect(gradeFor(10, [{ minPercent: 40, letter: "P" }])).toBeNull();
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
    expect(r.shown).toBe(70);
    expect(computeOverall([{ courseId: 1, credits: 3, percent: null }]).percent).toBeNull();
    expect(computeOverall([]).percent).toBeNull();
  });

  it("ignores courses with no credits, and is empty when no course has any", () => {
    const r = computeOverall([
      { courseId: 1, credits: 3, percent: 72.75 },
      { courseId: 2, credits: 0, percent: 10 },
    ]);
    expect(r.percent).toBe(72.75);
    expect(r.shown).toBe(72.8);
    expect(computeOverall([{ courseId: 1, credits: 0, percent: 80 }])).toMatchObject({ percent: null, shown: null });
  });

  it("computes (present + late) / (sessions − excused)", () => {
    const r = attendanceRate([{ status: "present" }, { status: "late" }, { status: "absent" }, { status: "excused" }]);
    expect(r.rate).toBeCloseTo(66.667, 2);
    expect(r.shown).toBe(66.7);
    expect(r).toMatchObject({ present: 1, late: 1, absent: 1, excused: 1, sessions: 4 });
    expect(attendanceRate([{ status: "excused" }, { status: "excused" }])).toMatchObject({ rate: null, shown: null, sessions: 2 });
    expect(attendanceRate([]).rate).toBeNull();
    expect(attendanceRate([{ status: "present" }, { status: "late" }]).rate).toBe(100);
    expect(attendanceRate([{ status: "absent" }]).rate).toBe(0);
  });
});

describe("trend", () => {
  it("orders by due date then position, undated last, and plots counted items only", () => {
    const list: AssessmentInput[] = [
      { id: 1, name: "Final", maxScore: 100, weight: 50, published: true, dueOn: null, position: 0 },
      { id: 2, name: "Quiz 2", maxScore: 10, weight: 5, published: true, dueOn: "2026-02-01", position: 2 },
      { id: 3, name: "Quiz 1", maxScore: 10, weight: 5, published: true, dueOn: "2026-02-01", position: 1 },
      { id: 4, name: "Essay", maxScore: 40, weight: 20, published: true, dueOn: "2026-01-15", position: 9 },
      { id: 5, name: "Hidden", maxScore: 10, weight: 5, published: false, dueOn: "2026-01-01" },
      { id: 6, name: "Practice", maxScore: 10, weight: 0, published: true, dueOn: "2026-01-02" },
    ];
    const marks: MarkInput[] = [
      { assessmentId: 2, score: null, status: "missing" },
      { assessmentId: 3, score: 7, status: "late" },
      { assessmentId: 4, score: null, status: "excused" },
      { assessmentId: 5, score: 10, status: "graded" },
      { assessmentId: 6, score: 10, status: "graded" },
    ];
    expect(assessmentTrend(list, marks)).toEqual([
      { assessmentId: 6, name: "Practice", date: "2026-01-02", percent: null },
      { assessmentId: 4, name: "Essay", date: "2026-01-15", percent: null },
      { assessmentId: 3, name: "Quiz 1", date: "2026-02-01", percent: 70 },
      { assessmentId: 2, name: "Quiz 2", date: "2026-02-01", percent: 0 },
      { assessmentId: 1, name: "Final", date: null, percent: null },
    ]);
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
  const assessments: AssessmentInput[] = items.map((it, i) => ({
    id: i + 1,
    name: `A${i + 1}`,
    maxScore: it.maxScore,
    weight: it.weight,
    published: it.published,
  }));
  const marks: MarkInput[] = items.flatMap((it, i) =>
    it.status === "empty"
      ? []
      : [
          {
            assessmentId: i + 1,
            score: it.status === "graded" || it.status === "late" ? Math.round(it.frac * it.maxScore * 10) / 10 : null,
            status: it.status as MarkInput["status"],
          },
        ],
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
        // Summed in a canonical order, so not merely close but identical.
        expect(b).toBe(a);
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
        else expect(Math.abs(b! - a)).toBeLessThan(1e-9);
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

  it("the breakdown explains the result: contributions add up to it and shares to 100", () => {
    fc.assert(
      fc.property(fc.array(assessmentArb, { maxLength: 15 }), (items) => {
        const { assessments, marks } = build(items);
        const r = computeCourseResult(assessments, marks);
        const contributions = r.breakdown.reduce((s, b) => s + (b.contribution ?? 0), 0);
        const shares = r.breakdown.reduce((s, b) => s + (b.share ?? 0), 0);
        if (r.percent === null) {
          expect(r.breakdown.some((b) => b.counted)).toBe(false);
          expect(r.shown).toBeNull();
        } else {
          expect(Math.abs(contributions - r.percent)).toBeLessThan(1e-9);
          expect(Math.abs(shares - 100)).toBeLessThan(1e-9);
          expect(r.shown).toBe(roundHalfUp(r.percent));
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
        const excused = computeCourseResult(
          [...assessments, { id, name: "X", maxScore: 10, weight: w, published: true }],
          [...marks, { assessmentId: id, score: null, status: "excused" }],
        ).percent;
        const unpublished = computeCourseResult(
          [...assessments, { id, name: "X", maxScore: 10, weight: w, published: false }],
          [...marks, { assessmentId: id, score: 3, status: "graded" }],
        ).percent;
        const notEntered = computeCourseResult(
          [...assessments, { id, name: "X", maxScore: 10, weight: w, published: true }],
          [...marks, { assessmentId: id, score: null, status: "graded" }],
        ).percent;
        for (const after of [excused, unpublished, notEntered]) {
          if (before === null) expect(after).toBeNull();
          else expect(after).toBeCloseTo(before, 9);
        }
      }),
    );
  });
});
