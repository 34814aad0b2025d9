// Issue 14, point 1: grading scales with grade points, made from presets (Standard, UGC 10-point,
// CBSE-style), several at once, each program on one; band errors beside the band; the scheme's
// pass rules decide F whatever the percentage.
import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { gradeBands, gradingScales } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { CBSE_BANDS, UGC_BANDS } from "@/lib/results/gpa";
import { DEFAULT_BANDS } from "@/lib/results/grades";
import type { Scheme } from "@/lib/results/scheme";
import type { ScalePresetId } from "@/lib/results/scale-presets";
import { listScales } from "@/db/queries/grading-scales";
import { createProgram } from "@/db/queries/programs";
import { createTerm } from "@/db/queries/terms";
import { createCourse } from "@/db/queries/courses";
import { createCandidate, enrol } from "@/db/queries/candidates";
import { createAssessment } from "@/db/queries/assessments";
import { saveMark } from "@/db/queries/marks";
import { saveCourseScheme } from "@/db/queries/schemes";
import { candidateResults } from "@/db/queries/results";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

const { createScaleFromPresetAction, saveScaleAction } = await import("@/app/(staff)/settings/actions");

const bandsOf = async (scaleId: number) =>
  db
    .select({ letter: gradeBands.letter, minPercent: gradeBands.minPercent, gradePoints: gradeBands.gradePoints })
    .from(gradeBands)
    .where(eq(gradeBands.scaleId, scaleId))
    .orderBy(asc(gradeBands.minPercent));
const sorted = (bands: { letter: string; minPercent: number; gradePoints?: number | null }[]) =>
  [...bands].sort((a, b) => a.minPercent - b.minPercent).map((b) => ({ letter: b.letter, minPercent: b.minPercent, gradePoints: b.gradePoints ?? null }));

async function asAdmin<T>(fn: () => Promise<T>): Promise<T> {
  signInAs(await makeUser("admin"));
  try {
    return await fn();
  } finally {
    signInAs(null);
  }
}

async function fromPreset(preset: ScalePresetId, name: string): Promise<number> {
  const r = await asAdmin(() => createScaleFromPresetAction(null, { preset, name }));
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true });
  return (r as { data: { id: number } }).data.id;
}

describe("grading scales from presets", () => {
  it("each preset stores its bands and grade points; several scales live side by side", async () => {
    const ugc = await fromPreset("ugc-10", "UGC 10-point");
    const cbse = await fromPreset("cbse", "CBSE-style");
    const std = await fromPreset("standard", "Standard copy");
    expect(await bandsOf(ugc)).toEqual(sorted(UGC_BANDS));
    expect((await bandsOf(ugc)).map((b) => `${b.letter} ${b.gradePoints}`)).toEqual(["F 0", "P 4", "C 5", "B 6", "B+ 7", "A 8", "A+ 9", "O 10"]);
    expect(await bandsOf(cbse)).toEqual(sorted(CBSE_BANDS));
    expect((await bandsOf(cbse)).map((b) => b.letter)).toEqual(["E", "D", "C2", "C1", "B2", "B1", "A2", "A1"]);
    expect(await bandsOf(std)).toEqual(sorted(DEFAULT_BANDS));
    const names = (await listScales()).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["UGC 10-point", "CBSE-style", "Standard copy"]));
    const [row] = await db.select().from(gradingScales).where(eq(gradingScales.id, ugc));
    expect(row.isDefault).toBe(false);
  });

  it("a preset's bands can then be edited like any other scale (universities differ)", async () => {
    const ugc = await fromPreset("ugc-10", "UGC, our university");
    const edited = sorted(UGC_BANDS).map((b) => (b.letter === "C" ? { ...b, minPercent: 50 } : b.letter === "B" ? { ...b, minPercent: 55 } : b));
    const r = await asAdmin(() =>
      saveScaleAction(null, {
        id: String(ugc),
        name: "UGC, our university",
        letter: edited.map((b) => b.letter),
        minPercent: edited.map((b) => String(b.minPercent)),
        gradePoints: edited.map((b) => String(b.gradePoints)),
      }),
    );
    expect(r).toMatchObject({ ok: true });
    expect(await bandsOf(ugc)).toEqual(sorted(edited));
  });

  it("a band's error is reported beside that band, and nothing is saved", async () => {
    const ugc = await fromPreset("ugc-10", "UGC to break");
    const before = await bandsOf(ugc);
    const save = (letter: string[], minPercent: string[], gradePoints: string[]) =>
      asAdmin(() => saveScaleAction(null, { id: String(ugc), name: "UGC to break", letter, minPercent, gradePoints }));
    // The same letter twice (row 3) and two bands from 70 % (row 4).
    const dup = await save(["O", "A", "A", "P", "F"], ["90", "70", "60", "70", "0"], ["10", "8", "7", "4", "0"]);
    expect(dup).toMatchObject({ ok: false, code: "invalid" });
    const errors = (dup as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(errors["bands.2.letter"]).toEqual(["The letter A is used twice."]);
    expect(errors["bands.3.minPercent"]).toEqual(["Two bands start at 70%."]);
    expect(errors["bands.0.letter"]).toBeUndefined();
    // A row with a minimum but no letter, out of range, grade points not a number: each beside its field.
    const bad = await save(["O", "", "F"], ["90", "120", "0"], ["10", "x", "0"]);
    const e2 = (bad as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(e2["bands.1.letter"]).toEqual(["Enter a letter"]);
    expect(e2["bands.1.minPercent"]).toEqual(["0 to 100"]);
    expect(e2["bands.1.gradePoints"]?.[0]).toMatch(/grade points/i);
    // No band from 0 %: said about the whole scale.
    const noZero = await save(["O", "P"], ["90", "40"], ["10", "4"]);
    expect((noZero as { fieldErrors: Record<string, string[]> }).fieldErrors.bands).toEqual(["One band must start at 0% so every result has a grade."]);
    expect(await bandsOf(ugc)).toEqual(before);
  });

  it("an unknown preset or a missing name is refused beside its field", async () => {
    const r = await asAdmin(() => createScaleFromPresetAction(null, { preset: "nope" as ScalePresetId, name: "" }));
    expect(r).toMatchObject({ ok: false, code: "invalid" });
    const errors = (r as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(errors.preset).toBeDefined();
    expect(errors.name).toEqual(["Enter a name for the scale"]);
  });
});

describe("a program on the UGC scale", () => {
  it("grades a course its scheme fails F with 0 grade points, whatever its percentage; a pass by its band", async () => {
    const ugc = await fromPreset("ugc-10", "UGC for grading");
    const t = Math.random().toString(36).slice(2, 7);
    const teacher = await makeUser("faculty");
    const admin = await makeUser("admin");
    const program = await createProgram(SYSTEM, { code: `U${t}`, name: `UGC program ${t}`, gradingScaleId: ugc });
    const term = await createTerm(SYSTEM, { name: `Term ${t}`, startsOn: "2026-01-05", endsOn: "2026-05-30" });
    const course = await createCourse(SYSTEM, {
      code: `UG${t}`,
      name: "Physics",
      programId: program.id,
      termId: term.id,
      credits: 4,
      teacherIds: [teacher.id],
    });
    const person = (name: string) =>
      createCandidate(SYSTEM, { fullName: `${name} ${t}`, status: "active", consentToEmail: false, programId: program.id, advisorId: null, guardians: [] });
    const pass = await person("Passes");
    const fail = await person("Fails");
    await enrol(SYSTEM, [pass.id, fail.id], course.id);
    const internal = await createAssessment(SYSTEM, course.id, { name: "Sessional", kind: "test", maxScore: 40, weight: 1, published: true });
    const exam = await createAssessment(SYSTEM, course.id, { name: "End-semester", kind: "exam", maxScore: 60, weight: 1, published: true });
    const scheme: Scheme = {
      components: [
        { key: "int", name: "Internal", part: "internal", source: "assessments", aggregation: "sum", best: null, dropLowest: 0, dropHighest: 0, max: 40 },
        { key: "ext", name: "External", part: "external", source: "assessments", aggregation: "sum", best: null, dropLowest: 0, dropHighest: 0, max: 60 },
      ],
      rounding: { at: "component", method: "half-up", places: 0 },
      pass: { internalMin: 16, externalMin: 24, totalMin: 40 },
    };
    await saveCourseScheme(teacher, {
      courseId: course.id,
      scheme,
      effectiveFrom: "2026-01-01",
      presetId: null,
      assignments: [
        { assessmentId: internal.id, componentKey: "int", neverDrop: false },
        { assessmentId: exam.id, componentKey: "ext", neverDrop: false },
      ],
      basedOn: null,
    });
    const put = (assessmentId: number, candidateId: number, score: number) =>
      saveMark(teacher, { assessmentId, candidateId, score, status: "graded", expectedVersion: null });
    // Passes: 30 + 42 = 72 → A (8). Fails: internal 10 (below 16) + 55 = 65, which the band would call B+ (7).
    await put(internal.id, pass.id, 30);
    await put(exam.id, pass.id, 42);
    await put(internal.id, fail.id, 10);
    await put(exam.id, fail.id, 55);

    const gradeOf = async (candidateId: number) => {
      const r = await candidateResults(admin, candidateId);
      const c = r.courses.find((x) => x.courseId === course.id)!;
      return { shown: c.result.shown, outcome: c.schemeResult.outcome, grade: c.grade, points: c.gradePoints?.points ?? null };
    };
    expect(await gradeOf(pass.id)).toEqual({ shown: 72, outcome: "pass", grade: "A", points: 8 });
    expect(await gradeOf(fail.id)).toEqual({ shown: 65, outcome: "fail", grade: "F", points: 0 });
  });
});
