import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { computeCourseResult, type MarkInput } from "@/lib/results";
import { roundTo } from "@/lib/results/round";
import {
  computeSchemeResult,
  DEFAULT_SCHEME,
  markNeeded,
  validateScheme,
  type Scheme,
  type SchemeAssessment,
  type SchemeComponent,
} from "@/lib/results/scheme";
import { SCHEME_PRESETS } from "@/lib/results/presets";

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

describe("rounding policies", () => {
  it("rounds half up, to the nearest even on a tie, up and down", () => {
    expect(roundTo(14.5, 0, "half-up")).toBe(15);
    expect(roundTo(14.5, 0, "half-even")).toBe(14);
    expect(roundTo(15.5, 0, "half-even")).toBe(16);
    expect(roundTo(14.01, 0, "up")).toBe(15);
    expect(roundTo(14.99, 0, "down")).toBe(14);
    expect(roundTo(2.675, 2, "half-up")).toBe(2.68);
    expect(roundTo(0.1 + 0.2, 1, "down")).toBe(0.3);
  });
});

describe("the worked examples of the assessment-schemes issue", () => {
  it("sum then scale: 60, 70, 80 out of 100 reduced to 20, rounded once to an integer, is 14", () => {
    const s = scheme([comp({ key: "t", max: 20 })], { at: "total", method: "half-up", places: 0 });
    const r = computeSchemeResult(s, [a(1, 100, "t"), a(2, 100, "t"), a(3, 100, "t")], [g(1, 60), g(2, 70), g(3, 80)]);
    expect(r.components[0].points).toEqual({ scored: 210, possible: 300 });
    expect(r.components[0].scaled).toBeCloseTo(14, 12);
    expect(r.total).toBe(14);
    expect(r.max).toBe(20);
  });

  it("best two of three out of 20, mean, half up", () => {
    const s = scheme([comp({ key: "t", max: 20, aggregation: "mean", best: 2 })], { at: "component", method: "half-up", places: 0 });
    const tests = [a(1, 20, "t"), a(2, 20, "t"), a(3, 20, "t")];
    const run = (x: number, y: number, z: number) => computeSchemeResult(s, tests, [g(1, x), g(2, y), g(3, z)]);
    expect(run(10, 16, 14).total).toBe(15);
    expect(run(11, 16, 14).components[0].scaled).toBeCloseTo(15, 12);
    expect(run(11, 16, 14).total).toBe(15);
    expect(run(11, 16, 13).components[0].scaled).toBeCloseTo(14.5, 12);
    expect(run(11, 16, 13).total).toBe(15);
    // The lowest is the one left out, and the trace says so.
    expect(run(10, 16, 14).components[0].items.map((i) => i.state)).toEqual(["not-best", "kept", "kept"]);
  });

  describe("pass rules: internal out of 40 (minimum 16), external out of 60 (minimum 24), total minimum 40", () => {
    const s = scheme(
      [comp({ key: "in", max: 40 }), comp({ key: "ex", max: 60, part: "external" })],
      { at: "component", method: "half-up", places: 0 },
      { internalMin: 16, externalMin: 24, totalMin: 40 },
    );
    const list = [a(1, 40, "in"), a(2, 60, "ex")];
    it("internal 15 + external 50 fails on the internal part", () => {
      const r = computeSchemeResult(s, list, [g(1, 15), g(2, 50)]);
      expect(r.outcome).toBe("fail");
      expect(r.reasons).toEqual(["internal 15 below the minimum 16"]);
      expect(r.total).toBe(65);
    });
    it("16 + 24 passes", () => {
      const r = computeSchemeResult(s, list, [g(1, 16), g(2, 24)]);
      expect(r.outcome).toBe("pass");
      expect(r.checks.every((c) => c.ok)).toBe(true);
    });
    it("30 + absent is absent, not a zero-mark fail", () => {
      const r = computeSchemeResult(s, list, [g(1, 30), { assessmentId: 2, score: null, status: "absent" }]);
      expect(r.outcome).toBe("absent");
    });
    it("with the external exam still to come the outcome is pending", () => {
      expect(computeSchemeResult(s, list, [g(1, 30)]).outcome).toBe("pending");
    });
  });

  it("attendance bands are half-open: 89.99 % gives 4, 90 gives 5, 74.99 gives 0", () => {
    const s = scheme(
      [
        comp({ key: "t", max: 10 }),
        comp({
          key: "att",
          max: 5,
          source: "attendance",
          bands: [
            { min: 90, marks: 5 },
            { min: 85, marks: 4 },
            { min: 80, marks: 3 },
            { min: 75, marks: 2 },
            { min: 0, marks: 0 },
          ],
        }),
      ],
      { at: "component", method: "half-up", places: 0 },
    );
    const marksFor = (rate: number) => computeSchemeResult(s, [a(1, 10, "t")], [g(1, 10)], rate).components[1].value;
    expect(marksFor(89.99)).toBe(4);
    expect(marksFor(90)).toBe(5);
    expect(marksFor(100)).toBe(5);
    expect(marksFor(85)).toBe(4);
    expect(marksFor(74.99)).toBe(0);
    expect(computeSchemeResult(s, [a(1, 10, "t")], [g(1, 10)], null).components[1].value).toBeNull();
  });
});

describe("dropping follows the rule: drop what gives the highest result, not simply the lowest percentage", () => {
  it("with different maxima, the item whose removal helps most is dropped", () => {
    const s = scheme([comp({ key: "t", max: 100, dropLowest: 1 })], { at: "total", method: "half-up", places: 1 });
    const r1 = computeSchemeResult(s, [a(1, 100, "t"), a(2, 10, "t"), a(3, 100, "t")], [g(1, 100), g(2, 5), g(3, 40)]);
    expect(r1.components[0].items.map((i) => i.state)).toEqual(["kept", "kept", "dropped"]);
    // 100/100, 5/10, 40/100: dropping 40/100 leaves 105/110 = 95.5 %, dropping 5/10 only 140/200 = 70 %.
    // 2/4, 30/100, 75/100: dropping 30/100 leaves 77/104 = 74.0 %, dropping 2/4 only 105/200 = 52.5 %.
    const r2 = computeSchemeResult(s, [a(1, 4, "t"), a(2, 100, "t"), a(3, 100, "t")], [g(1, 2), g(2, 30), g(3, 75)]);
    expect(r2.components[0].items[1].state).toBe("dropped");
    // Where the lowest percentage is NOT the best drop: 1/10 (10 %), 45/100 (45 %), 50/50 (100 %) and 40/200 (20 %).
    // Drop one: dropping 1/10 → 135/350 = 38.6 %; dropping 40/200 → 96/160 = 60 %. The 20 % item goes, not the 10 % one.
    const r3 = computeSchemeResult(s, [a(1, 10, "t"), a(2, 100, "t"), a(3, 50, "t"), a(4, 200, "t")], [g(1, 1), g(2, 45), g(3, 50), g(4, 40)]);
    expect(r3.components[0].items.map((i) => i.state)).toEqual(["kept", "kept", "kept", "dropped"]);
    expect(r3.total).toBe(60);
  });

  it("a never-drop item is kept however low it is", () => {
    const s = scheme([comp({ key: "t", max: 20, aggregation: "mean", dropLowest: 1 })], { at: "total", method: "half-up", places: 1 });
    const r = computeSchemeResult(s, [a(1, 20, "t", { neverDrop: true }), a(2, 20, "t"), a(3, 20, "t")], [g(1, 2), g(2, 10), g(3, 20)]);
    expect(r.components[0].items.map((i) => i.state)).toEqual(["kept", "dropped", "kept"]);
    expect(r.total).toBe(11);
  });

  it("drop highest removes the best item", () => {
    const s = scheme([comp({ key: "t", max: 10, aggregation: "mean", dropHighest: 1 })], { at: "total", method: "half-up", places: 1 });
    const r = computeSchemeResult(s, [a(1, 10, "t"), a(2, 10, "t"), a(3, 10, "t")], [g(1, 4), g(2, 9), g(3, 6)]);
    expect(r.components[0].items.map((i) => i.state)).toEqual(["kept", "dropped", "kept"]);
    expect(r.total).toBe(5);
  });
});

describe("the default scheme is today's weighted mean", () => {
  const assessmentArb = fc.record({
    maxScore: fc.integer({ min: 1, max: 200 }),
    weight: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.1, max: 50, noNaN: true })),
    published: fc.boolean(),
  });
  const markArb = fc.oneof(
    fc.record({ kind: fc.constant("graded" as const), f: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.constantFrom({ kind: "absent" as const }, { kind: "missing" as const }, { kind: "excused" as const }, { kind: "none" as const }),
  );
  it("gives exactly the same percentage, shown value and counted set (worked example: 72.8)", () => {
    const list: SchemeAssessment[] = [
      { id: 1, name: "Quiz", maxScore: 20, weight: 10, published: true },
      { id: 2, name: "Midterm", maxScore: 50, weight: 30, published: true },
      { id: 3, name: "Project", maxScore: 100, weight: 20, published: true },
    ];
    const marks: MarkInput[] = [g(1, 15), g(2, 36), { assessmentId: 3, score: null, status: "excused" }];
    const r = computeSchemeResult(DEFAULT_SCHEME, list, marks);
    expect(r.shown).toBe(72.8);
    expect(r.percent).toBe(computeCourseResult(list, marks).percent);
    expect(r.outcome).toBeNull();
  });
  it("for any marks (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(assessmentArb, markArb), { minLength: 0, maxLength: 12 }), (rows) => {
        const list: SchemeAssessment[] = rows.map(([x], i) => ({ id: i + 1, name: `A${i}`, ...x }));
        const marks: MarkInput[] = rows.flatMap(([x, m], i) =>
          m.kind === "none" ? [] : [{ assessmentId: i + 1, score: m.kind === "graded" ? Math.round(m.f * x.maxScore * 2) / 2 : null, status: m.kind }],
        );
        const old = computeCourseResult(list, marks);
        const now = computeSchemeResult(DEFAULT_SCHEME, list, marks);
        expect(now.percent).toBe(old.percent);
        expect(now.shown).toBe(old.shown);
      }),
    );
  });
});

// ——— properties over every aggregation ———

const componentArb = fc.record({
  aggregation: fc.constantFrom("weighted" as const, "mean" as const, "sum" as const),
  mode: fc.constantFrom("all", "best", "drop-low", "drop-high", "drop-both"),
  n: fc.integer({ min: 1, max: 3 }),
  max: fc.integer({ min: 5, max: 100 }),
});
const itemsArb = fc.array(
  fc.record({
    maxScore: fc.integer({ min: 1, max: 100 }),
    weight: fc.integer({ min: 1, max: 10 }),
    f: fc.integer({ min: 0, max: 100 }),
    neverDrop: fc.boolean(),
    status: fc.constantFrom("graded", "graded", "graded", "absent", "excused", "none"),
  }),
  { minLength: 1, maxLength: 7 },
);
const roundingArb = fc.record({
  at: fc.constantFrom("component" as const, "total" as const),
  method: fc.constantFrom("half-up" as const, "half-even" as const, "up" as const, "down" as const),
  places: fc.integer({ min: 0, max: 2 }),
});

function build(
  c: { aggregation: "weighted" | "mean" | "sum"; mode: string; n: number; max: number },
  items: { maxScore: number; weight: number; f: number; neverDrop: boolean; status: string }[],
  rounding: Scheme["rounding"],
) {
  const s = scheme(
    [
      comp({
        key: "t",
        max: c.max,
        aggregation: c.aggregation,
        best: c.mode === "best" ? c.n : null,
        dropLowest: c.mode === "drop-low" || c.mode === "drop-both" ? c.n : 0,
        dropHighest: c.mode === "drop-high" || c.mode === "drop-both" ? 1 : 0,
      }),
    ],
    rounding,
  );
  const list = items.map((it, i) => a(i + 1, it.maxScore, "t", { weight: it.weight, neverDrop: it.neverDrop }));
  const marks: MarkInput[] = items.flatMap((it, i) =>
    it.status === "none"
      ? []
      : [{ assessmentId: i + 1, score: it.status === "graded" ? Math.round((it.f / 100) * it.maxScore) : null, status: it.status as MarkInput["status"] }],
  );
  return { s, list, marks };
}

describe("properties of every aggregation", () => {
  it("reordering the assessments never changes the result", () => {
    fc.assert(
      fc.property(componentArb, itemsArb, roundingArb, fc.integer(), (c, items, rounding, seed) => {
        const { s, list, marks } = build(c, items, rounding);
        const shuffled = [...list].sort((x, y) => ((x.id * 7919 + seed) % 13) - ((y.id * 7919 + seed) % 13));
        const r1 = computeSchemeResult(s, list, marks);
        const r2 = computeSchemeResult(s, shuffled, [...marks].reverse());
        expect(r2.total).toBe(r1.total);
        expect(r2.exactTotal).toBe(r1.exactTotal);
      }),
    );
  });

  it("the result never exceeds the scheme's maximum, nor falls below 0", () => {
    fc.assert(
      fc.property(componentArb, itemsArb, roundingArb, (c, items, rounding) => {
        const { s, list, marks } = build(c, items, rounding);
        const r = computeSchemeResult(s, list, marks);
        if (r.total !== null) {
          expect(r.total).toBeLessThanOrEqual(r.max);
          expect(r.total).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("a never-drop item is never dropped", () => {
    fc.assert(
      fc.property(componentArb, itemsArb, roundingArb, (c, items, rounding) => {
        const { s, list, marks } = build(c, items, rounding);
        const r = computeSchemeResult(s, list, marks);
        for (const it of r.components[0].items) if (it.neverDrop) expect(it.state === "dropped" || it.state === "not-best").toBe(false);
      }),
    );
  });

  it("raising any one mark never lowers the result", () => {
    fc.assert(
      fc.property(componentArb, itemsArb, roundingArb, fc.nat(), fc.integer({ min: 1, max: 100 }), (c, items, rounding, which, by) => {
        const { s, list, marks } = build(c, items, rounding);
        const i = which % items.length;
        const raised = items.map((it, k) => (k === i ? { ...it, status: "graded", f: Math.min(100, (it.status === "graded" ? it.f : 0) + by) } : it));
        // Raising an excused or not-yet-entered item adds an item; compare only true raises.
        if (items[i].status !== "graded" && items[i].status !== "absent") return;
        const after = build(c, raised, rounding);
        const r1 = computeSchemeResult(s, list, marks);
        const r2 = computeSchemeResult(after.s, after.list, after.marks);
        expect(r2.exactTotal ?? 0).toBeGreaterThanOrEqual((r1.exactTotal ?? 0) - 1e-9);
        expect(r2.total ?? 0).toBeGreaterThanOrEqual(r1.total ?? 0);
      }),
      { numRuns: 500 },
    );
  });
});

describe("the mark needed", () => {
  const s = scheme(
    [comp({ key: "in", max: 40 }), comp({ key: "ex", max: 60, part: "external" })],
    { at: "component", method: "half-up", places: 0 },
    { internalMin: 16, externalMin: 24, totalMin: 40 },
  );
  const list = [a(1, 40, "in"), a(2, 100, "ex", { published: false })];
  it("to pass, with one exam left, is the lowest whole score that passes every rule", () => {
    const n = markNeeded(s, list, [g(1, 20)], null, { kind: "pass" });
    // External out of 100 reduced to 60, minimum 24 → 40 of 100; total 20 + 24 = 44 ≥ 40.
    expect(n).toMatchObject({ kind: "score", assessmentId: 2, score: 40 });
    const check = computeSchemeResult(
      s,
      list.map((x) => ({ ...x, published: true })),
      [g(1, 20), g(2, 40)],
    );
    expect(check.outcome).toBe("pass");
    const below = computeSchemeResult(
      s,
      list.map((x) => ({ ...x, published: true })),
      [g(1, 20), g(2, 39)],
    );
    expect(below.outcome).toBe("fail");
  });
  it("says when it cannot be reached and when it already is", () => {
    expect(markNeeded(s, list, [g(1, 10)], null, { kind: "pass" })).toEqual({ kind: "unreachable" });
    expect(markNeeded(s, list, [g(1, 30)], null, { kind: "percent", min: 25, label: "D" })).toEqual({ kind: "reached" });
  });
  it("with several assessments left, the same percentage on each", () => {
    const three = [a(1, 20, "in"), a(2, 20, "in"), a(3, 100, "ex")];
    const n = markNeeded(s, three, [g(1, 10)], null, { kind: "pass" });
    expect(n.kind).toBe("percent");
    if (n.kind !== "percent") return;
    expect(n.assessments.map((x) => x.assessmentId)).toEqual([2, 3]);
    const at = (p: number) => computeSchemeResult(s, three, [g(1, 10), g(2, (p / 100) * 20), g(3, p)]).outcome;
    expect(at(n.percent)).toBe("pass");
    expect(at(n.percent - 1)).not.toBe("pass");
  });
});

describe("the presets", () => {
  it("are all valid, name their source, and their suggested assessments fill their components", () => {
    for (const p of SCHEME_PRESETS) {
      expect(validateScheme(p.scheme), p.id).toEqual([]);
      expect(p.source.length).toBeGreaterThan(40);
      for (const x of p.assessments)
        expect(
          p.scheme.components.some((c) => c.key === x.componentKey && c.source === "assessments"),
          `${p.id}: ${x.name}`,
        ).toBe(true);
    }
  });
  it("the CBSE-style term adds up to 100: best two periodic tests averaged to 10, 5, 5, exam 80", () => {
    const p = SCHEME_PRESETS.find((x) => x.id === "cbse-term")!;
    const list = p.assessments.map((x, i) => a(i + 1, x.maxScore, x.componentKey));
    const r = computeSchemeResult(p.scheme, list, [g(1, 20), g(2, 36), g(3, 30), g(4, 4), g(5, 5), g(6, 60)]);
    // (36 + 30) / 2 / 40 × 10 = 8.25; 4; 5; 60 → 77.25 → 77.
    expect(r.max).toBe(100);
    expect(r.total).toBe(77);
    expect(r.outcome).toBe("pass");
  });
});

describe("validation", () => {
  it("says what is wrong in words", () => {
    const bad = scheme([comp({ key: "t", max: 0, best: 2, dropLowest: 1 })], { at: "total", method: "half-up", places: 7 }, { externalMin: 10 });
    const problems = validateScheme(bad);
    expect(problems).toContain("t: the maximum must be more than 0.");
    expect(problems).toContain("t: choose either “best N” or dropping, not both.");
    expect(problems).toContain("Round to between 0 and 4 decimal places.");
    expect(problems).toContain("An external minimum needs an external component.");
  });
});
