import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DEFAULT_THRESHOLDS, diffAlerts, evaluateCourseRules } from "@/lib/alerts/rules";
import { attendanceRate, computeCourseResult, evaluateCourse, type AssessmentInput, type MarkInput } from "@/lib/results";
import type { Scheme, SchemeAssessment } from "@/lib/results/scheme";

const t = DEFAULT_THRESHOLDS;

function rulesFor(shownPercent: number | null, attendance: number | null = null) {
  // One assessment out of 1000 so any one-decimal percentage is reachable exactly.
  const assessments: AssessmentInput[] = [{ id: 1, name: "Exam", maxScore: 1000, weight: 1, published: true }];
  const marks: MarkInput[] = shownPercent === null ? [] : [{ assessmentId: 1, score: shownPercent * 10, status: "graded" }];
  const course = computeCourseResult(assessments, marks);
  return evaluateCourseRules({
    courseName: "Physics 101",
    course,
    attendance: attendance === null ? null : { shown: attendance },
    thresholds: t,
    assessments,
    marks,
  }).map((r) => r.rule);
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
    const [r] = evaluateCourseRules({
      courseName: "Physics 101",
      course: computeCourseResult(assessments, marks),
      attendance: null,
      thresholds: t,
      assessments,
      marks,
    });
    expect(r.message).toBe("Physics 101: 38.5% is below the pass mark 40%");
    expect(r.figures).toEqual({ percent: 38.5, passMark: 40 });
  });
  it("compares the shown value: 39.95 shows 40.0 and is at risk, not failing", () => {
    expect(rulesFor(39.95)).toEqual(["at_risk"]);
    expect(rulesFor(49.95)).toEqual([]);
    expect(rulesFor(39.94)).toEqual(["failing"]);
  });
  it("writes thresholds as set, without rounding them away", () => {
    const assessments: AssessmentInput[] = [{ id: 1, name: "Exam", maxScore: 100, weight: 1, published: true }];
    const marks: MarkInput[] = [{ assessmentId: 1, score: 42, status: "graded" }];
    const course = computeCourseResult(assessments, marks);
    const [failing] = evaluateCourseRules({ courseName: "Physics 101", course, attendance: null, thresholds: { ...t, passMark: 42.5 }, assessments, marks });
    expect(failing.message).toBe("Physics 101: 42.0% is below the pass mark 42.5%");
    const [atRisk] = evaluateCourseRules({ courseName: "Physics 101", course, attendance: null, thresholds: t, assessments, marks });
    expect(atRisk).toEqual({ rule: "at_risk", message: "Physics 101: 42.0% is below the at-risk mark 50%", figures: { percent: 42, atRiskMark: 50 } });
  });
  it("never reports failing and at risk together", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (tenths, a, b) => {
        const assessments: AssessmentInput[] = [{ id: 1, name: "Exam", maxScore: 1000, weight: 1, published: true }];
        const marks: MarkInput[] = [{ assessmentId: 1, score: tenths, status: "graded" }];
        const rules = evaluateCourseRules({
          courseName: "C",
          course: computeCourseResult(assessments, marks),
          attendance: null,
          thresholds: { ...t, passMark: Math.min(a, b), atRiskMark: Math.max(a, b) },
          assessments,
          marks,
        }).map((r) => r.rule);
        expect(rules.includes("failing") && rules.includes("at_risk")).toBe(false);
      }),
    );
  });
});

describe("attendance", () => {
  it("trips below the minimum only", () => {
    expect(rulesFor(80, 74.9)).toEqual(["low_attendance"]);
    expect(rulesFor(80, 75)).toEqual([]);
    expect(rulesFor(80, 75.1)).toEqual([]);
    expect(rulesFor(80, null)).toEqual([]);
  });
  it("uses the shown rate and says so", () => {
    // 3 of 4 sessions, one more excused: exactly 75.0 % — not low.
    const ok = attendanceRate([{ status: "present" }, { status: "present" }, { status: "late" }, { status: "absent" }, { status: "excused" }]);
    expect(ok.shown).toBe(75);
    const assessments: AssessmentInput[] = [];
    const course = computeCourseResult(assessments, []);
    expect(evaluateCourseRules({ courseName: "Physics 101", course, attendance: ok, thresholds: t, assessments, marks: [] })).toEqual([]);
    const low = attendanceRate([...Array(7).fill({ status: "present" }), ...Array(3).fill({ status: "absent" })]);
    const [r] = evaluateCourseRules({ courseName: "Physics 101", course, attendance: low, thresholds: t, assessments, marks: [] });
    expect(r.message).toBe("Physics 101: attendance 70.0% is below the minimum 75%");
    expect(r.figures).toEqual({ attendance: 70, minAttendance: 75 });
    // Everything excused: no rate, so no alert.
    expect(
      evaluateCourseRules({ courseName: "P", course, attendance: attendanceRate([{ status: "excused" }]), thresholds: t, assessments, marks: [] }),
    ).toEqual([]);
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
    expect(drop(70).find((r) => r.rule === "sudden_drop")?.message).toBe(
      "Maths: latest assessment Midterm 70.0% is 15.0 points below the earlier average 85.0%",
    );
    expect(drop(70).find((r) => r.rule === "sudden_drop")?.figures).toEqual({
      latest: 70,
      earlierMean: 85,
      drop: 15,
      suddenDropPoints: 15,
      assessment: "Midterm",
    });
  });

  function course(
    items: { name: string; dueOn: string | null; max: number; weight?: number; published?: boolean; score: number | null; status: MarkInput["status"] }[],
  ) {
    const assessments: AssessmentInput[] = items.map((it, i) => ({
      id: i + 1,
      name: it.name,
      maxScore: it.max,
      weight: it.weight ?? 1,
      published: it.published ?? true,
      dueOn: it.dueOn,
      position: i,
    }));
    const marks: MarkInput[] = items.map((it, i) => ({ assessmentId: i + 1, score: it.score, status: it.status }));
    return evaluateCourseRules({
      courseName: "Physics 101",
      course: computeCourseResult(assessments, marks),
      attendance: null,
      thresholds: { ...t, passMark: 0, atRiskMark: 0 },
      assessments,
      marks,
    });
  }

  it("reads the example of the brief", () => {
    const out = course([
      { name: "Quiz", dueOn: "2026-01-10", max: 20, score: 13, status: "graded" },
      { name: "Midterm", dueOn: "2026-02-10", max: 40, score: 18, status: "graded" },
    ]);
    expect(out.map((r) => r.message)).toEqual(["Physics 101: latest assessment Midterm 45.0% is 20.0 points below the earlier average 65.0%"]);
  });

  it("needs at least one earlier counted assessment", () => {
    expect(course([{ name: "Only", dueOn: "2026-01-10", max: 100, score: 0, status: "graded" }])).toEqual([]);
    expect(
      course([
        { name: "Excused", dueOn: "2026-01-10", max: 100, score: null, status: "excused" },
        { name: "Zero weight", dueOn: "2026-01-11", max: 100, weight: 0, score: 100, status: "graded" },
        { name: "Draft", dueOn: "2026-01-12", max: 100, published: false, score: 100, status: "graded" },
        { name: "Only", dueOn: "2026-01-20", max: 100, score: 10, status: "graded" },
      ]),
    ).toEqual([]);
  });

  it("takes the latest counted assessment by due date, then position, and counts absences as 0", () => {
    const out = course([
      { name: "Later but excused", dueOn: "2026-03-01", max: 100, score: null, status: "excused" },
      { name: "Quiz 1", dueOn: "2026-01-10", max: 100, score: 90, status: "graded" },
      { name: "Quiz 2", dueOn: "2026-02-10", max: 100, score: null, status: "absent" },
    ]);
    expect(out.map((r) => r.rule)).toEqual(["sudden_drop"]);
    expect(out[0].figures).toMatchObject({ assessment: "Quiz 2", latest: 0, earlierMean: 90, drop: 90 });
    // Same date: position decides, so Quiz B (later position, 100%) is latest and nothing dropped.
    expect(
      course([
        { name: "Quiz A", dueOn: "2026-01-10", max: 100, score: 50, status: "graded" },
        { name: "Quiz B", dueOn: "2026-01-10", max: 100, score: 100, status: "graded" },
      ]),
    ).toEqual([]);
  });
});

describe("missing work", () => {
  function missing(n: number) {
    const assessments: AssessmentInput[] = [1, 2, 3].map((id) => ({ id, name: `A${id}`, maxScore: 10, weight: 1, published: true }));
    const marks: MarkInput[] = [1, 2, 3].map((id) => ({ assessmentId: id, score: id <= n ? null : 10, status: id <= n ? "missing" : "graded" }));
    return evaluateCourseRules({
      courseName: "C",
      course: computeCourseResult(assessments, marks),
      attendance: null,
      thresholds: { ...t, atRiskMark: 0, passMark: 0 },
      assessments,
      marks,
    }).map((r) => r.rule);
  }
  it("trips at the missing count, not one below", () => {
    expect(missing(1)).not.toContain("missing_work");
    expect(missing(2)).toContain("missing_work");
    expect(missing(3)).toContain("missing_work");
  });
  it("says how many, and ignores unpublished assessments", () => {
    const assessments: AssessmentInput[] = [1, 2, 3].map((id) => ({ id, name: `A${id}`, maxScore: 10, weight: 1, published: id !== 3 }));
    const marks: MarkInput[] = [1, 2, 3].map((id) => ({ assessmentId: id, score: null, status: "missing" }));
    const out = evaluateCourseRules({
      courseName: "Physics 101",
      course: computeCourseResult(assessments, marks),
      attendance: null,
      thresholds: { ...t, atRiskMark: 0, passMark: 0 },
      assessments,
      marks,
    });
    expect(out).toEqual([{ rule: "missing_work", message: "Physics 101: 2 missing assessments", figures: { missing: 2, missingCount: 2 } }]);
    const fewer = evaluateCourseRules({
      courseName: "P",
      course: computeCourseResult(assessments, marks.slice(1)),
      attendance: null,
      thresholds: { ...t, atRiskMark: 0, passMark: 0 },
      assessments,
      marks: marks.slice(1),
    });
    expect(fewer).toEqual([]);
  });
});

describe("several rules at once", () => {
  it("reports each rule that holds, in a stable order", () => {
    const assessments: AssessmentInput[] = [1, 2, 3].map((id) => ({ id, name: `A${id}`, maxScore: 10, weight: 1, published: true, dueOn: `2026-0${id}-01` }));
    const marks: MarkInput[] = [
      { assessmentId: 1, score: 9, status: "graded" },
      { assessmentId: 2, score: null, status: "missing" },
      { assessmentId: 3, score: null, status: "missing" },
    ];
    const out = evaluateCourseRules({
      courseName: "C",
      course: computeCourseResult(assessments, marks),
      attendance: { shown: 50 },
      thresholds: t,
      assessments,
      marks,
    });
    expect(out.map((r) => r.rule)).toEqual(["failing", "low_attendance", "sudden_drop", "missing_work"]);
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
    expect(diffAlerts(open, [])).toEqual({ raise: [], resolve: open });
  });
  it("walks a rule through true, still true, false, true again", () => {
    type Open = { id: number; rule: "at_risk"; courseId: number };
    let open: Open[] = [];
    let nextId = 1;
    const raisedAt: number[] = [];
    const resolvedAt: number[] = [];
    const states = [false, true, true, true, false, false, true];
    states.forEach((holds, step) => {
      const { raise, resolve } = diffAlerts(open, holds ? [{ rule: "at_risk" as const, courseId: 7 }] : []);
      if (raise.length) raisedAt.push(step);
      if (resolve.length) resolvedAt.push(step);
      open = open.filter((o) => !resolve.includes(o)).concat(raise.map((r) => ({ id: nextId++, ...r })));
    });
    expect(raisedAt).toEqual([1, 6]);
    expect(resolvedAt).toEqual([4]);
  });
  it("raises a rule once even when listed twice, and keeps a null course apart from course 0", () => {
    expect(
      diffAlerts(
        [],
        [
          { rule: "failing" as const, courseId: 1 },
          { rule: "failing" as const, courseId: 1 },
        ],
      ).raise,
    ).toHaveLength(1);
    const openNull = [{ rule: "low_attendance" as const, courseId: null }];
    expect(diffAlerts(openNull, [{ rule: "low_attendance" as const, courseId: 0 }])).toEqual({
      raise: [{ rule: "low_attendance", courseId: 0 }],
      resolve: openNull,
    });
  });
});

describe("under a scheme with pass rules", () => {
  // Internal: two tests out of 20 summed to 40 (minimum 16); external: an exam to 60 (minimum 24); total 40.
  const scheme: Scheme = {
    components: [
      { key: "tests", name: "Tests", part: "internal", source: "assessments", aggregation: "sum", best: null, dropLowest: 0, dropHighest: 0, max: 40 },
      { key: "exam", name: "Exam", part: "external", source: "assessments", aggregation: "sum", best: null, dropLowest: 0, dropHighest: 0, max: 60 },
    ],
    rounding: { at: "component", method: "half-up", places: 0 },
    pass: { internalMin: 16, externalMin: 24, totalMin: 40 },
  };
  const assessments: SchemeAssessment[] = [
    { id: 1, name: "Test 1", maxScore: 20, weight: 1, published: true, componentKey: "tests" },
    { id: 2, name: "Test 2", maxScore: 20, weight: 1, published: true, componentKey: "tests" },
    { id: 3, name: "Exam", maxScore: 100, weight: 1, published: true, componentKey: "exam" },
  ];
  const rules = (marks: MarkInput[]) => {
    const r = evaluateCourse({ scheme, assessments, marks, attendanceRate: null });
    return evaluateCourseRules({ courseName: "Physics 101", course: r.result, attendance: null, thresholds: t, assessments, marks, scheme: r.scheme });
  };
  const g = (assessmentId: number, score: number): MarkInput => ({ assessmentId, score, status: "graded" });

  it("fails on the scheme's own rule with its reason, not on the pass mark", () => {
    // Internal 7 + external 54 = 61 %: far above the pass mark, but the internal minimum is missed.
    const out = rules([g(1, 3), g(2, 4), g(3, 90)]);
    expect(out.map((o) => o.rule)).toEqual(["failing"]);
    expect(out[0].message).toBe("Physics 101: internal 7 below the minimum 16");
  });
  it("absent in the external exam is failing, said as absence", () => {
    const out = rules([g(1, 15), g(2, 16), { assessmentId: 3, score: null, status: "absent" }]);
    expect(out[0]).toMatchObject({ rule: "failing", message: "Physics 101: absent in the external exam" });
  });
  it("before the exam, the total being short is not a reason; a missed internal minimum is", () => {
    expect(rules([g(1, 15), g(2, 16)]).map((o) => o.rule)).toEqual([]);
    const missed = rules([g(1, 5), g(2, 6)]);
    expect(missed.map((o) => o.rule)).toEqual(["at_risk"]);
    expect(missed[0].message).toBe("Physics 101: internal 11 below the minimum 16");
    // With an internal test still to come, nothing is decided yet: judged by the at-risk mark on what exists.
    expect(rules([g(1, 15)]).map((o) => o.rule)).toEqual([]);
  });
  it("a pass is clear", () => {
    expect(rules([g(1, 15), g(2, 16), g(3, 80)]).map((o) => o.rule)).toEqual([]);
  });
});
