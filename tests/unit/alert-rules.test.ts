import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, diffAlerts, evaluateCourseRules } from "@/lib/alerts/rules";
import { computeCourseResult, type AssessmentInput, type MarkInput } from "@/lib/results";

const t = DEFAULT_THRESHOLDS;

function rulesFor(shownPercent: number | null, attendance: number | null = null) {
  // One assessment out of 1000 so any one-decimal percentage is reachable exactly.
  const assessments: AssessmentInput[] = [{ id: 1, name: "Exam", maxScore: 1000, weight: 1, published: true }];
  const marks: MarkInput[] = shownPercent === null ? [] : [{ assessmentId: 1, score: shownPercent * 10, status: "graded" }];
  const course = computeCourseResult(assessments, marks);
  return evaluateCourseRules({ courseName: "Physics 101", course, attendance: attendance === null ? null : { shown: attendance }, thresholds: t, assessments, marks }).map((r) => r.rule);
}

describe("pass mark and at-risk mark", () => {
  it("fails just below the pass mark, and is only at risk at it", () => {
    expect(rulesFor(39.9)).toEqual(["failing"]);
    expect(rulesFor(40)).toEqual(["at_risk"]);
    expect(rulesFor(40.1)).toEqual(["at_risk"]);
  });
  it("is at risk just below the at-risk mark and clear at it", () => {
    expect(rulesFor(49.9)).toEqual(["at_risk"]);
    expect(rulesFor(50)).toEqual([]);
    expect(rulesFor(50.1)).toEqual([]);
    expect(rulesFor(null)).toEqual([]);
  });
  it("says what tripped it, with the figures", () => {
    const assessments: AssessmentInput[] = [{ id: 1, name: "Exam", maxScore: 200, weight: 1, published: true }];
    const marks: MarkInput[] = [{ assessmentId: 1, score: 77, status: "graded" }];
    const [r] = evaluateCourseRules({ courseName: "Physics 101", course: computeCourseResult(assessments, marks), attendance: null, thresholds: t, assessments, marks });
    expect(r.message).toBe("Physics 101: 38.5% is below the pass mark 40%");
    expect(r.figures).toEqual({ percent: 38.5, passMark: 40 });
  });
});

describe("attendance", () => {
  it("trips below the minimum only", () => {
    expect(rulesFor(80, 74.9)).toEqual(["low_attendance"]);
    expect(rulesFor(80, 75)).toEqual([]);
    expect(rulesFor(80, 75.1)).toEqual([]);
  });
});

describe("sudden drop", () => {
  function drop(latest: number) {
    const assessments: AssessmentInput[] = [
      { id: 1, name: "Quiz 1", maxScore: 100, weight: 1, published: true, dueOn: "2026-01-10" },
      { id: 2, name: "Quiz 2", maxScore: 100, weight: 1, published: true, dueOn: "2026-02-10" },
      { id: 3, name: "Midterm", maxScore: 1000, weight: 1, published: true, dueOn: "2026-03-10" },
    ];
    const marks: MarkInput[] = [
      { assessmentId: 1, score: 80, status: "graded" },
      { assessmentId: 2, score: 90, status: "graded" },
      { assessmentId: 3, score: latest * 10, status: "graded" },
    ];
    return evaluateCourseRules({ courseName: "Maths", course: computeCourseResult(assessments, marks), attendance: null, thresholds: t, assessments, marks });
  }
  it("trips at exactly the drop and above, not just below", () => {
    expect(drop(70).map((r) => r.rule)).toContain("sudden_drop"); // 85 − 70 = 15.0
    expect(drop(69.9).map((r) => r.rule)).toContain("sudden_drop");
    expect(drop(70.1).map((r) => r.rule)).not.toContain("sudden_drop"); // 14.9
    expect(drop(70).find((r) => r.rule === "sudden_drop")?.message).toBe("Maths: latest assessment Midterm 70.0% is 15.0 points below the earlier average 85.0%");
  });
});

describe("missing work", () => {
  function missing(n: number) {
    const assessments: AssessmentInput[] = [1, 2, 3].map((id) => ({ id, name: `A${id}`, maxScore: 10, weight: 1, published: true }));
    const marks: MarkInput[] = [1, 2, 3].map((id) => ({ assessmentId: id, score: id <= n ? null : 10, status: id <= n ? "missing" : "graded" }));
    return evaluateCourseRules({ courseName: "C", course: computeCourseResult(assessments, marks), attendance: null, thresholds: { ...t, atRiskMark: 0, passMark: 0 }, assessments, marks }).map((r) => r.rule);
  }
  it("trips at the missing count, not one below", () => {
    expect(missing(1)).not.toContain("missing_work");
    expect(missing(2)).toContain("missing_work");
    expect(missing(3)).toContain("missing_work");
  });
});

describe("edge-triggering", () => {
  it("raises once, keeps quiet while true, resolves when false", () => {
    const first = diffAlerts([], [{ rule: "failing" as const, courseId: 1 }]);
    expect(first.raise).toHaveLength(1);
    const open = [{ id: 9, rule: "failing" as const, courseId: 1 }];
    expect(diffAlerts(open, [{ rule: "failing" as const, courseId: 1 }])).toEqual({ raise: [], resolve: [] });
    expect(diffAlerts(open, [{ rule: "at_risk" as const, courseId: 1 }])).toEqual({ raise: [{ rule: "at_risk", courseId: 1 }], resolve: open });
    expect(diffAlerts(open, [{ rule: "failing" as const, courseId: 2 }]).resolve).toEqual(open);
  });
});
