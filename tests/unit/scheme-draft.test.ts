import { describe, expect, it } from "vitest";
import {
  applyPreset,
  bandInterval,
  bandLines,
  blankComponent,
  describeComponent,
  draftFromScheme,
  keyFromName,
  readDraft,
  removeComponent,
  renameComponent,
  updateComponent,
  type SchemeDraft,
} from "@/components/schemes/scheme-draft";
import { DEFAULT_SCHEME, type Scheme } from "@/lib/results/scheme";
import { presetById, SCHEME_PRESETS } from "@/lib/results/presets";

const assessments = [
  { id: 1, componentKey: null, neverDrop: false },
  { id: 2, componentKey: "tests", neverDrop: true },
  { id: 3, componentKey: "gone", neverDrop: false },
];

const college = presetById("college-25-75-attendance")!;
const draftOf = (scheme: Scheme): SchemeDraft => draftFromScheme(scheme, { effectiveFrom: "2026-12-01", presetId: null, assessments });

describe("the scheme editor's draft", () => {
  it("round-trips every preset unchanged", () => {
    for (const p of SCHEME_PRESETS) {
      const { input, errors, problems } = readDraft(draftOf(p.scheme));
      expect(errors, p.id).toEqual({});
      expect(problems, p.id).toEqual([]);
      expect(input!.scheme, p.id).toEqual(p.scheme);
    }
  });

  it("puts unassigned assessments (and those of a missing component) where the engine would: the first assessments component", () => {
    const { input } = readDraft(draftOf(college.scheme));
    expect(input!.assignments).toEqual([
      { assessmentId: 1, componentKey: "tests", neverDrop: false },
      { assessmentId: 2, componentKey: "tests", neverDrop: true },
      { assessmentId: 3, componentKey: "tests", neverDrop: false },
    ]);
  });

  it("derives the key from the name until the key is typed, and assignments follow a renamed key", () => {
    expect(keyFromName("Internal tests (best 2 of 3)")).toBe("internal-tests-best-2-of-3");
    expect(keyFromName("  Évaluation  ")).toBe("evaluation");
    let d = draftOf(college.scheme);
    const tests = d.components[0];
    d = updateComponent(d, tests.uid, renameComponent({ ...tests, keyEdited: false }, "Unit tests"));
    expect(d.components[0].key).toBe("unit-tests");
    expect(readDraft(d).input!.assignments.map((a) => a.componentKey)).toEqual(["unit-tests", "unit-tests", "unit-tests"]);
    d = updateComponent(d, tests.uid, { key: "ut", keyEdited: true });
    d = updateComponent(d, tests.uid, renameComponent(d.components[0], "Unit tests again"));
    expect(d.components[0].key).toBe("ut");
  });

  it("keeps what was typed and says beside the field what is wrong", () => {
    const d = draftOf(college.scheme);
    d.components[0] = { ...d.components[0], best: "", dropLowest: "-1" };
    d.components[2] = { ...d.components[2], bands: d.components[2].bands.map((b, i) => (i === 0 ? { ...b, marks: "7" } : b)) };
    d.components[1] = { ...d.components[1], max: "abc" };
    d.pass.internalMin = "30";
    const { input, errors, problems } = readDraft(d);
    expect(input).toBeNull();
    expect(errors["scheme.components.0.dropLowest"]).toBe("0 or more");
    expect(errors["scheme.components.2.bands.0.marks"]).toBe("Between 0 and 5");
    expect(errors["scheme.components.1.max"]).toBe("Enter a number");
    expect(errors["scheme.pass.internalMin"]).toMatch(/Between 0 and \d+ \(the internal maximum\)/);
    // validateScheme's own words, for the panel beside the editor.
    expect(problems).toContain("Sessional tests (best 2 of 3): “drop lowest” must be a whole number, 0 or more.");
    expect(problems).toContain("Attendance: a band's marks must be between 0 and 5.");
    expect(d.components[0].dropLowest).toBe("-1");
  });

  it("shows part maxima from the engine and checks the minimums against them", () => {
    const { partMax, errors } = readDraft({ ...draftOf(college.scheme), pass: { internalMin: "10", externalMin: "76", totalMin: "" } });
    expect(partMax).toEqual({ internal: 25, external: 75 });
    expect(errors["scheme.pass.externalMin"]).toBe("Between 0 and 75 (the external maximum)");
    expect(readDraft({ ...draftOf(college.scheme), pass: { internalMin: "", externalMin: "", totalMin: "" } }).input!.scheme.pass).toEqual({
      internalMin: null,
      externalMin: null,
      totalMin: null,
    });
  });

  it("refuses best N together with dropping, and duplicate keys", () => {
    const d = draftOf(college.scheme);
    d.components[0] = { ...d.components[0], dropLowest: "1" };
    d.components[1] = { ...d.components[1], key: "tests" };
    const { errors } = readDraft(d);
    expect(errors["scheme.components.0.best"]).toBe("Choose best N or dropping, not both");
    expect(errors["scheme.components.1.key"]).toBe("Another component uses this key");
    d.components[1] = { ...d.components[1], key: "Assign ments" };
    expect(readDraft(d).errors["scheme.components.1.key"]).toBe("Lower-case letters, digits and dashes");
  });

  it("sends what the action's schema takes, and every preset's keys pass it", async () => {
    const { schemeInputSchema } = await import("@/lib/forms/scheme");
    for (const p of SCHEME_PRESETS) {
      const { input } = readDraft(draftOf(p.scheme));
      const parsed = schemeInputSchema.safeParse({ courseId: 1, basedOn: null, ...input });
      expect(parsed.success, `${p.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it("removing a component, or switching it to attendance, sends its assessments to the first assessments component", () => {
    let d = draftOf(college.scheme);
    d = { ...d, components: [...d.components, blankComponent(d.components)] };
    const added = d.components[4];
    d = { ...d, assignments: d.assignments.map((a) => (a.assessmentId === 1 ? { ...a, componentUid: added.uid } : a)) };
    expect(readDraft(d).errors["scheme.components.4.max"]).toBe("Enter the maximum");
    const removed = removeComponent(d, added.uid);
    expect(removed.assignments[0].componentUid).toBe(d.components[0].uid);
    const switched = updateComponent(d, added.uid, { source: "attendance" });
    expect(switched.assignments[0].componentUid).toBe(d.components[0].uid);
  });

  it("a preset replaces the components and rules, keeps the date and the never-drop ticks", () => {
    const d = { ...draftOf(DEFAULT_SCHEME), effectiveFrom: "2027-01-15" };
    const next = applyPreset(d, college, assessments);
    expect(next.presetId).toBe(college.id);
    expect(next.effectiveFrom).toBe("2027-01-15");
    expect(readDraft(next).input!.scheme).toEqual(college.scheme);
    expect(next.assignments.map((a) => a.neverDrop)).toEqual([false, true, false]);
  });

  it("writes bands as half-open intervals, the top one closed at 100", () => {
    const bands = [{ min: "85" }, { min: "90" }, { min: "80" }, { min: "" }];
    expect(bandInterval(bands, 1)).toBe("[90, 100]");
    expect(bandInterval(bands, 0)).toBe("[85, 90)");
    expect(bandInterval(bands, 2)).toBe("[80, 85)");
    expect(bandInterval(bands, 3)).toBeNull();
    expect(bandLines(college.scheme.components[2].bands!)).toEqual(["[90, 100] → 5", "[85, 90) → 4", "[80, 85) → 3", "[75, 80) → 2", "[0, 75) → 0"]);
  });

  it("describes a component in one line", () => {
    expect(describeComponent(college.scheme.components[0])).toBe("Best 2 · mean of percentages · out of 15");
    expect(describeComponent(DEFAULT_SCHEME.components[0])).toBe("Weighted mean · out of 100");
    expect(describeComponent({ ...college.scheme.components[1], dropLowest: 1 })).toBe("Drop lowest 1 · sum · out of 5");
  });
});

describe("the preview's sentence", () => {
  it("names how many results change, the largest change and the flips", async () => {
    const { previewSentence } = await import("@/components/schemes/scheme-preview");
    const flip = { candidateId: 1, fullName: "A", number: "1", fromShown: 50, toShown: 40, from: "pass" as const, to: "fail" as const };
    expect(previewSentence({ candidates: 8, changed: 3, maxChange: 4.45, meanChange: 2, flips: [flip], rows: [] })).toBe(
      "3 of 8 candidates' results change; largest change 4.5 points; 1 outcome flips",
    );
    expect(previewSentence({ candidates: 1, changed: 0, maxChange: null, meanChange: null, flips: [], rows: [] })).toBe(
      "0 of 1 candidate's result change; 0 outcomes flip",
    );
  });
});
