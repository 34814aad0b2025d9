import { describe, expect, it } from "vitest";
import type { MarkInput } from "@/lib/results";
import { DEFAULT_BANDS } from "@/lib/results/grades";
import { computeSchemeResult, DEFAULT_SCHEME, type Scheme, type SchemeAssessment, type SchemeComponent } from "@/lib/results/scheme";
import { presetById } from "@/lib/results/presets";
import { bandWords, itemMark, markNeededLines, neededWords, num, roundingWords, traceView } from "@/lib/results/trace";

const comp = (c: Partial<SchemeComponent> & Pick<SchemeComponent, "key" | "max">): SchemeComponent => ({
  name: c.key,
  part: "internal",
  source: "assessments",
  aggregation: "sum",
  best: null,
  dropLowest: 0,
  dropHighest: 0,
  ...c,
});
const scheme = (components: SchemeComponent[], rounding: Scheme["rounding"], pass: Partial<Scheme["pass"]> = {}): Scheme => ({
  components,
  rounding,
  pass: { internalMin: null, externalMin: null, totalMin: null, ...pass },
});
const a = (id: number, maxScore: number, componentKey: string, extra: Partial<SchemeAssessment> = {}): SchemeAssessment => ({
  id,
  name: `A${id}`,
  maxScore,
  weight: 1,
  published: true,
  componentKey,
  ...extra,
});
const g = (assessmentId: number, score: number): MarkInput => ({ assessmentId, score, status: "graded" });

describe("the words of a trace", () => {
  it("writes figures as marks are written", () => {
    expect(num(14)).toBe("14");
    expect(num(14.5)).toBe("14.5");
    expect(num(14.58333)).toBe("14.58");
    expect(num(-0)).toBe("0");
    expect(itemMark({ score: 16, status: "graded", maxScore: 20 })).toBe("16 / 20");
    expect(itemMark({ score: 15, status: "late", maxScore: 20 })).toBe("15 / 20 (late)");
    expect(itemMark({ score: null, status: "absent", maxScore: 20 })).toBe("Absent");
    expect(itemMark({ score: null, status: null, maxScore: 40 })).toBe("— / 40");
  });

  it("says the rounding only when it changed something, exact side first", () => {
    const policy = { at: "component", method: "half-up", places: 0 } as const;
    expect(roundingWords(14.5, 15, policy)).toBe("14.5 → 15, half up");
    expect(roundingWords(14.58333, 15, policy)).toBe("14.58 → 15, half up");
    expect(roundingWords(15, 15, policy)).toBeNull();
    expect(roundingWords(72.75, 72.8, { at: "total", method: "half-up", places: 1 })).toBe("72.75 → 72.8, half up");
    expect(roundingWords(14.5, 14, { ...policy, method: "half-even" })).toBe("14.5 → 14, half to even");
  });

  it("writes attendance bands as half-open intervals, the top one closed at 100", () => {
    const bands = [
      { min: 90, marks: 5 },
      { min: 85, marks: 4 },
      { min: 0, marks: 0 },
    ];
    expect(bandWords(bands[0], bands)).toBe("[90, 100]");
    expect(bandWords(bands[1], bands)).toBe("[85, 90)");
    expect(bandWords(bands[2], bands)).toBe("[0, 85)");
  });

  it("sum then scale: 210 / 300 → 14 / 20", () => {
    const s = scheme([comp({ key: "t", name: "Tests", max: 20 })], { at: "total", method: "half-up", places: 0 });
    const r = computeSchemeResult(s, [a(1, 100, "t"), a(2, 100, "t"), a(3, 100, "t")], [g(1, 60), g(2, 70), g(3, 80)]);
    const v = traceView(s, r);
    expect(v.compact).toBe(true);
    expect(v.components[0].steps).toEqual(["Sum 210 / 300: 70%", "70% → 14 / 20"]);
    expect(v.summary).toBe("Sum 210 / 300: 70% → 14 / 20; shown 70.0%");
    expect(v.components[0].items.map((i) => i.mark)).toEqual(["60 / 100", "70 / 100", "80 / 100"]);
  });

  it("best two of three, mean, rounded per component: 11, 16, 13 → 14.5 → 15, the 11 not among the best", () => {
    const s = scheme(
      [comp({ key: "t", name: "Tests", aggregation: "mean", best: 2, max: 20 })],
      { at: "component", method: "half-up", places: 0 },
      { internalMin: 8 },
    );
    const r = computeSchemeResult(s, [a(1, 20, "t"), a(2, 20, "t"), a(3, 20, "t")], [g(1, 11), g(2, 16), g(3, 13)]);
    const v = traceView(s, r, DEFAULT_BANDS);
    expect(v.compact).toBe(false);
    const c = v.components[0];
    expect(c.steps).toEqual(["Best 2 of 3, mean of 2 percentages: 72.5%", "72.5% → 14.5 / 20", "14.5 → 15, half up"]);
    expect(c.value).toBe("15 / 20");
    expect(c.items.map((i) => [i.mark, i.percent, i.label])).toEqual([
      ["11 / 20", "55.0%", "Not among the best"],
      ["16 / 20", "80.0%", "Counted"],
      ["13 / 20", "65.0%", "Counted"],
    ]);
    expect(v.total).toBe("15 / 20");
    expect(v.percent).toBe("75.0%");
    expect(v.grade).toBe("B");
    expect(v.checks).toEqual([{ part: "internal", ok: true, state: "met", text: "Internal 15 / 20, minimum 8" }]);
    expect(v.outcome).toEqual({ value: "pass", label: "Pass", reasons: [] });
  });

  it("the pass checks and outcome: internal 15 of 40 below the minimum 16 fails", () => {
    const s = scheme(
      [comp({ key: "in", name: "Internal", max: 40 }), comp({ key: "ex", name: "End-semester exam", part: "external", max: 60 })],
      { at: "component", method: "half-up", places: 0 },
      { internalMin: 16, externalMin: 24, totalMin: 40 },
    );
    const list = [a(1, 40, "in"), a(2, 60, "ex")];
    const v = traceView(s, computeSchemeResult(s, list, [g(1, 15), g(2, 50)]));
    expect(v.parts.map((p) => [p.label, p.value])).toEqual([
      ["Internal", "15 / 40"],
      ["External", "50 / 60"],
    ]);
    expect(v.checks.map((c) => [c.state, c.text])).toEqual([
      ["failed", "Internal 15 / 40 is below the minimum 16"],
      ["met", "External 50 / 60, minimum 24"],
      ["met", "Total 65 / 100, minimum 40"],
    ]);
    expect(v.outcome?.label).toBe("Fail");
    expect(v.outcome?.reasons).toEqual(["internal 15 below the minimum 16"]);
    const absent = traceView(s, computeSchemeResult(s, list, [g(1, 30), { assessmentId: 2, score: null, status: "absent" }]));
    expect(absent.outcome?.label).toBe("Absent");
    expect(absent.components[1].items[0].label).toBe("Absent — counts as 0");
    const pending = traceView(s, computeSchemeResult(s, list, [g(1, 30)]));
    expect(pending.outcome?.label).toBe("Pending");
    expect(pending.total).toBe("30 / 40 so far (of 100)");
    expect(pending.components[1].steps).toEqual(["Nothing counts yet"]);
    expect(pending.checks.find((c) => c.part === "external")).toEqual({
      part: "external",
      ok: null,
      state: "none",
      text: "External: nothing yet (minimum 24)",
    });
    // Below a minimum while marks are still to come is "so far", not a failure; the outcome says why it waits.
    const early = traceView(s, computeSchemeResult(s, list, [g(1, 30)]));
    expect(early.checks.find((c) => c.part === "total")).toMatchObject({ ok: false, state: "so-far", text: "Total 30 / 100 so far, minimum 40" });
    expect(early.outcome?.reasons).toEqual(["marks still to come"]);
    // A complete part below its minimum is a failure even while the other part waits.
    const lowInternal = traceView(s, computeSchemeResult(s, list, [g(1, 10)]));
    expect(lowInternal.checks[0]).toMatchObject({ state: "failed", text: "Internal 10 / 40 is below the minimum 16" });
    expect(lowInternal.outcome?.label).toBe("Pending");
  });

  it("attendance marks by band, and rounding once at the part totals", () => {
    const preset = presetById("college-25-75-attendance")!;
    const list = [a(1, 20, "tests"), a(2, 20, "tests"), a(3, 20, "tests"), a(4, 10, "assignments"), a(5, 10, "assignments"), a(6, 75, "ese")];
    const r = computeSchemeResult(preset.scheme, list, [g(1, 11), g(2, 16), g(3, 13), g(4, 7), g(5, 8), g(6, 50)], 89.99);
    const v = traceView(preset.scheme, r);
    const att = v.components.find((c) => c.key === "attendance")!;
    expect(att.steps).toEqual(["Attendance 89.99% in [85, 90) → 4 / 5"]);
    expect(att.value).toBe("4 / 5");
    // 10.875 + 3.75 + 4 = 18.625 → 19 once, at the internal total.
    const internal = v.parts.find((p) => p.part === "internal")!;
    expect(internal).toEqual({ part: "internal", label: "Internal", value: "19 / 25", rounding: "18.62 → 19, half up" });
    expect(v.components.find((c) => c.key === "tests")!.steps).toEqual(["Best 2 of 3, mean of 2 percentages: 72.5%", "72.5% → 10.88 / 15"]);
  });

  it("the default scheme stays one line: the worked example 72.75 → 72.8%", () => {
    const list: SchemeAssessment[] = [
      { id: 1, name: "Quiz", maxScore: 20, weight: 10, published: true },
      { id: 2, name: "Midterm", maxScore: 50, weight: 30, published: true },
      { id: 3, name: "Project", maxScore: 100, weight: 20, published: true },
    ];
    const r = computeSchemeResult(DEFAULT_SCHEME, list, [g(1, 15), g(2, 36), { assessmentId: 3, score: null, status: "excused" }]);
    const v = traceView(DEFAULT_SCHEME, r, DEFAULT_BANDS);
    expect(v.compact).toBe(true);
    expect(v.summary).toBe("Weighted mean, counted weight 40: 72.75% → 72.8%, half up");
    expect(v.grade).toBe("B");
    expect(v.components[0].items.map((i) => i.label)).toEqual(["Counted", "Counted", "Excused — not counted"]);
    expect(v.outcome).toBeNull();
  });

  it("drop the lowest with a never-drop item, in words", () => {
    const s = scheme([comp({ key: "q", name: "Quizzes", aggregation: "mean", dropLowest: 1, max: 10 })], { at: "total", method: "half-up", places: 1 });
    const list = [a(1, 10, "q", { neverDrop: true }), a(2, 10, "q"), a(3, 10, "q")];
    const v = traceView(s, computeSchemeResult(s, list, [g(1, 2), g(2, 8), g(3, 9)]));
    expect(v.components[0].steps[0]).toBe("Drop the lowest 1 of 3 (1 never dropped), mean of 2 percentages: 55%");
    expect(v.components[0].items.map((i) => i.label)).toEqual(["Counted", "Dropped", "Counted"]);
  });
});

describe("the mark needed, in words", () => {
  const s = scheme(
    [comp({ key: "in", name: "Internal", max: 40 }), comp({ key: "ex", name: "End-semester exam", part: "external", max: 60 })],
    { at: "component", method: "half-up", places: 0 },
    { internalMin: 16, externalMin: 24, totalMin: 40 },
  );
  const bands = [
    { minPercent: 80, letter: "A" },
    { minPercent: 60, letter: "B" },
    { minPercent: 40, letter: "C" },
    { minPercent: 0, letter: "F" },
  ];

  it("one assessment left: to pass and for each grade, with reached and unreachable grades grouped", () => {
    const list = [a(1, 40, "in"), a(2, 40, "ex", { name: "End-semester exam", published: false })];
    const lines = markNeededLines(s, list, [g(1, 36)], null, bands);
    // 36 + x·60/40 ≥ 40 with x·1.5 ≥ 24 → 16 / 40.
    expect(lines[0]).toEqual({ label: "To pass", text: "16 / 40 in End-semester exam", kind: "score" });
    expect(lines.map((l) => l.label)).toEqual(["To pass", "For A", "For B", "For C"]);
    // A needs 80: 29 / 40 → 43.5 → 44, half up, and 36 + 44 = 80.
    expect(lines[1].text).toBe("29 / 40 in End-semester exam");
    // C needs 40 of 100: 36 + 5 (3 / 40 → 4.5 → 5); 2 / 40 gives 36 + 3.
    expect(lines[3].text).toBe("3 / 40 in End-semester exam");
    const low = markNeededLines(s, list, [g(1, 4)], null, bands);
    expect(low[0].text).toBe("no longer reachable");
    expect(low.find((l) => l.label === "For A")).toEqual({ label: "For A", text: "no longer reachable", kind: "unreachable" });
  });

  it("several left: a percentage on each; nothing left: no lines", () => {
    const list = [a(1, 40, "in"), a(2, 20, "in", { name: "Test 2" }), a(3, 60, "ex", { name: "Exam" })];
    const [pass] = markNeededLines(s, list, [g(1, 10)], null, []);
    expect(pass.label).toBe("To pass");
    expect(pass.text).toMatch(/^\d+% in each of the 2 left: Test 2 [\d.]+ \/ 20, Exam [\d.]+ \/ 60$/);
    expect(markNeededLines(s, list, [g(1, 10), g(2, 10), g(3, 30)], null, bands)).toEqual([]);
    expect(neededWords({ kind: "reached" })).toBe("already reached");
  });

  it("grades already reached share a line", () => {
    const list = [a(1, 40, "in"), a(2, 60, "ex", { name: "Exam" })];
    const lines = markNeededLines(
      scheme([comp({ key: "in", max: 40 }), comp({ key: "ex", part: "external", max: 60 })], { at: "total", method: "half-up", places: 0 }),
      list,
      [g(1, 40)],
      null,
      bands,
    );
    expect(lines).toEqual([
      { label: "For A", text: "40 / 60 in Exam", kind: "score" },
      { label: "For B", text: "20 / 60 in Exam", kind: "score" },
      { label: "For C", text: "already reached", kind: "reached" },
    ]);
  });
});
