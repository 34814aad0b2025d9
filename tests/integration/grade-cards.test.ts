import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { candidates, users } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { createAssessment } from "@/db/queries/assessments";
import { createCourse } from "@/db/queries/courses";
import { createCandidate, enrol } from "@/db/queries/candidates";
import { createProgram } from "@/db/queries/programs";
import { createTerm } from "@/db/queries/terms";
import { saveMark } from "@/db/queries/marks";
import { issueAccessLink } from "@/db/queries/access-links";
import { candidateResults } from "@/db/queries/results";
import { gradeCardBatch, loadGradeCard } from "@/db/queries/grade-cards";
import { seedDemo } from "@/db/seed/demo";
import { formatPercent } from "@/lib/results";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";
import { savePercentConversionAction, updateProgramAction } from "@/app/(staff)/academics/actions";
import { percentConversions, programs } from "@/db/schema";

let n = 0;
const tag = () => `${++n}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * The issue's worked example on the Standard scale (A 9, B 8, D 6): credits 4, 3, 2 scored
 * 85, 75 and 55 → SGPA (36 + 24 + 12) / 9 = 8.00; with the 3-credit course at 30 (F, 0) → 5.33.
 * Optionally a later term that repeats the 3-credit course.
 */
async function history(opts: { failSecond: boolean; repeatScore?: number; released?: boolean }) {
  const teacher = await makeUser("faculty");
  const t = tag();
  const program = await createProgram(SYSTEM, { code: `G${t}`, name: `GPA program ${t}` });
  const term1 = await createTerm(SYSTEM, { name: `T1 ${t}`, startsOn: "2025-07-01", endsOn: "2025-11-30" });
  const term2 = await createTerm(SYSTEM, { name: `T2 ${t}`, startsOn: "2026-01-05", endsOn: "2026-05-30" });
  const cand = await createCandidate(SYSTEM, {
    fullName: `Ananya ${t}`,
    status: "active",
    consentToEmail: false,
    programId: program.id,
    advisorId: null,
    guardians: [{ fullName: `Meera ${t}`, email: `meera${t}@home.test`, preferredContact: "email", receivesReports: true }],
  });
  const make = async (code: string, credits: number, termId: number, score: number, released = true) => {
    const course = await createCourse(SYSTEM, { code, name: `Course ${code}`, programId: program.id, termId, credits, teacherIds: [teacher.id] });
    await enrol(SYSTEM, [cand.id], course.id);
    const a = await createAssessment(SYSTEM, course.id, { name: "Exam", kind: "exam", maxScore: 100, weight: 1, published: true, released });
    await saveMark(SYSTEM, { assessmentId: a.id, candidateId: cand.id, score, status: "graded", expectedVersion: null });
    return course;
  };
  const c1 = await make(`A${t}`, 4, term1.id, 85);
  const c2 = await make(`B${t}`, 3, term1.id, opts.failSecond ? 30 : 75);
  const c3 = await make(`C${t}`, 2, term1.id, 55);
  const repeat = opts.repeatScore === undefined ? null : await make(`B${t}`, 3, term2.id, opts.repeatScore, opts.released ?? true);
  return { teacher, program, term1, term2, cand, c1, c2, c3, repeat };
}

describe("grade cards: SGPA, CGPA and the card's data", () => {
  it("the worked example: 8.00, and 5.33 with the 3-credit course failed (its credits kept)", async () => {
    const ok = await history({ failSecond: false });
    const card = await loadGradeCard(SYSTEM, ok.cand.id, ok.term1.id);
    expect(card.term.sgpa).toMatchObject({ value: 8, credits: 9, points: 72 });
    expect(card.term.courses.map((c) => [c.credits, c.grade, c.points, c.result])).toEqual([
      [4, "A", 9, "Pass"],
      [3, "B", 8, "Pass"],
      [2, "D", 6, "Pass"],
    ]);
    const failed = await history({ failSecond: true });
    const f = await loadGradeCard(SYSTEM, failed.cand.id, failed.term1.id);
    expect(f.term.sgpa).toMatchObject({ value: 5.33, credits: 9, earned: 6, points: 48 });
    expect(f.term.courses[1]).toMatchObject({ grade: "F", points: 0, result: "Fail", attempt: 1 });
    expect(f.cgpa.value).toBe(5.33);
    expect(f.percent).toEqual({ value: 53.3, conversion: { name: "CGPA × 10", formula: "Percentage = CGPA × 10" } });
    expect(f.candidate).toMatchObject({ fullName: failed.cand.fullName, guardianNames: [expect.stringMatching(/^Meera /)] });
    expect(f.issuedOn).toMatch(/^\d\d-\d\d-\d{4}$/);
  });

  it("a repeat replaces the failed attempt in the CGPA; the history keeps both attempts", async () => {
    const h = await history({ failSecond: true, repeatScore: 72 });
    const card = await loadGradeCard(SYSTEM, h.cand.id, h.term2.id);
    expect(card.history.map((t) => t.termId)).toEqual([h.term1.id, h.term2.id]);
    const attempts = card.history.flatMap((t) => t.courses.filter((c) => c.code === h.c2.code).map((c) => [t.termId, c.attempt, c.grade]));
    expect(attempts).toEqual([
      [h.term1.id, 1, "F"],
      [h.term2.id, 2, "B"],
    ]);
    // Term 1 still shows its failed attempt; the CGPA takes the pass: (36 + 24 + 12) / 9.
    expect(card.history[0].sgpa.value).toBe(5.33);
    expect(card.term.sgpa.value).toBe(8);
    expect(card.cgpa).toMatchObject({ value: 8, credits: 9 });
    // The card of term 1 is as it stood then.
    expect((await loadGradeCard(SYSTEM, h.cand.id, h.term1.id)).cgpa.value).toBe(5.33);
  });

  it("the card's numbers are the candidate page's, character for character", async () => {
    const h = await history({ failSecond: true, repeatScore: 64 });
    const page = await candidateResults(SYSTEM, h.cand.id);
    const card = await loadGradeCard(SYSTEM, h.cand.id, h.term2.id);
    for (const t of card.history) {
      const pt = page.terms.find((x) => x.termId === t.termId)!;
      expect(t.sgpa).toEqual(pt.sgpa);
      expect(t.courses.map((c) => [c.courseId, formatPercent(c.percent), c.grade, c.points])).toEqual(
        pt.courses.map((c) => [c.courseId, formatPercent(c.result.shown), c.grade, c.gradePoints?.points ?? null]),
      );
    }
    expect(card.cgpa).toEqual(page.gpa.cgpa);
    expect(card.percent.value).toBe(page.gpa.percent);
    // The batch gives the same card.
    const [batched] = await gradeCardBatch(h.term2.id, [h.cand.id]);
    expect({ ...batched, issuedOn: "" }).toEqual({ ...card, issuedOn: "" });
  });

  it("a link sees released marks only: an unreleased repeat leaves the failed attempt in its CGPA", async () => {
    const h = await history({ failSecond: true, repeatScore: 90, released: false });
    const { token, id } = await issueAccessLink(db, SYSTEM, { candidateId: h.cand.id, recipient: "meera@home.test" });
    const link = { linkId: id, candidateId: h.cand.id, expiresAt: new Date(Date.now() + 86_400_000) };
    expect(token.length).toBeGreaterThan(20);
    const parents = await loadGradeCard(link, h.cand.id, h.term2.id);
    expect(parents.term.courses[0]).toMatchObject({ grade: null, result: "Pending", percent: null });
    expect(parents.cgpa.value).toBe(5.33);
    const staff = await loadGradeCard(SYSTEM, h.cand.id, h.term2.id);
    expect(staff.term.courses[0]).toMatchObject({ grade: "A+", points: 10 });
    expect(staff.cgpa.value).toBe(8.67); // (36 + 3 × 10 + 12) / 9
  });

  it("refuses what the pages refuse: another candidate's link, a faculty member outside, an unknown term (NotFound)", async () => {
    const h = await history({ failSecond: false });
    const other = await history({ failSecond: false });
    const { id } = await issueAccessLink(db, SYSTEM, { candidateId: h.cand.id, recipient: "meera@home.test" });
    const link = { linkId: id, candidateId: h.cand.id, expiresAt: new Date(Date.now() + 86_400_000) };
    await expect(loadGradeCard(link, other.cand.id, other.term1.id)).rejects.toBeInstanceOf(NotFoundError);
    const outsider = await makeUser("faculty");
    await expect(loadGradeCard(outsider, h.cand.id, h.term1.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadGradeCard(SYSTEM, h.cand.id, other.term1.id)).rejects.toBeInstanceOf(NotFoundError);
    // Their own teacher sees it.
    expect((await loadGradeCard(h.teacher, h.cand.id, h.term1.id)).term.sgpa.value).toBe(8);
  });
});

describe("the GPA policy of a program", () => {
  const programRow = async (id: number) => (await db.select().from(programs).where(eq(programs.id, id)))[0];
  const conversion = async (key: string) => (await db.select().from(percentConversions).where(eq(percentConversions.key, key)))[0];

  it("the migration holds the four presets under their ids; a program prints CGPA × 10 until told otherwise", async () => {
    const keys = (await db.select({ key: percentConversions.key }).from(percentConversions)).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(["ugc-x10", "cbse-x9.5", "minus-0.75-x10", "mumbai-7.1"]));
    const h = await history({ failSecond: false });
    expect(await programRow(h.program.id)).toMatchObject({ gpaPlaces: 2, gpaRounding: "half-up", gradeCard: "college" });
  });

  it("refuses bad places, an unknown conversion or card beside the field, and changes nothing", async () => {
    const h = await history({ failSecond: true });
    const admin = await makeUser("admin");
    signInAs(admin);
    const before = await programRow(h.program.id);
    const base = { id: h.program.id, code: h.program.code, name: h.program.name, durationMonths: "", gradingScaleId: "" };
    const bad = await updateProgramAction(null, { ...base, gpaPlaces: "7", gpaRounding: "half-up", percentConversionId: "", gradeCard: "college" });
    expect(bad).toMatchObject({ ok: false, code: "invalid", fieldErrors: { gpaPlaces: ["A whole number of places, 0 to 4"] } });
    const unknown = await updateProgramAction(null, { ...base, gpaPlaces: "2", gpaRounding: "half-up", percentConversionId: "99999", gradeCard: "college" });
    expect(unknown).toMatchObject({ ok: false, fieldErrors: { percentConversionId: ["Choose one of the conversions listed"] } });
    const card = await updateProgramAction(null, { ...base, gpaPlaces: "2", gpaRounding: "half-up", percentConversionId: "", gradeCard: "report" });
    expect(card).toMatchObject({ ok: false, fieldErrors: { gradeCard: [expect.any(String)] } });
    expect(await programRow(h.program.id)).toEqual(before);

    // A good one: one place, rounded down, the CBSE conversion, the school card.
    const cbse = await conversion("cbse-x9.5");
    const ok = await updateProgramAction(null, { ...base, gpaPlaces: "1", gpaRounding: "down", percentConversionId: String(cbse.id), gradeCard: "school" });
    expect(ok).toMatchObject({ ok: true });
    signInAs(null);
    const after = await loadGradeCard(SYSTEM, h.cand.id, h.term1.id);
    expect(after.variant).toBe("school");
    expect(after.policy).toEqual({ places: 1, method: "down" });
    expect(after.term.sgpa.value).toBe(5.3); // 48 / 9 = 5.333… down to one place
    expect(after.percent).toEqual({ value: 50.35, conversion: { name: "CGPA × 9.5 (CBSE)", formula: "Percentage = CGPA × 9.5" } });
    expect((await candidateResults(SYSTEM, h.cand.id)).gpa.cgpa.value).toBe(5.3);
  });

  it("a conversion's formula must compute its factor and offset; an edit reaches every program printing it", async () => {
    const admin = await makeUser("admin");
    signInAs(admin);
    const before = await db.select().from(percentConversions);
    const mumbai = await conversion("mumbai-7.1");
    const wrong = await savePercentConversionAction(null, { id: String(mumbai.id), name: mumbai.name, factor: "7.25", offset: "11", formula: mumbai.formula });
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { formula: [expect.stringContaining("computes 7.1 × CGPA + 11, not 7.25 × CGPA + 11")] } });
    const noFactor = await savePercentConversionAction(null, { name: "X", factor: "", offset: "0", formula: "" });
    expect(noFactor).toMatchObject({ ok: false, fieldErrors: { factor: ["Enter the factor"] } });
    expect(await db.select().from(percentConversions)).toEqual(before);

    const added = await savePercentConversionAction(null, { name: "Anna University", factor: "10", offset: "-5", formula: "" });
    expect(added).toMatchObject({ ok: true });
    const row = (
      await db
        .select()
        .from(percentConversions)
        .where(eq(percentConversions.id, (added as { data: { id: number } }).data.id))
    )[0];
    expect(row).toMatchObject({ key: "custom-anna-university", formula: "Percentage = 10 × CGPA − 5", factor: 10, offset: -5 });

    const h = await history({ failSecond: false });
    const base = {
      id: h.program.id,
      code: h.program.code,
      name: h.program.name,
      durationMonths: "",
      gradingScaleId: "",
      gpaPlaces: "2",
      gpaRounding: "half-up",
      gradeCard: "college",
    };
    expect(await updateProgramAction(null, { ...base, percentConversionId: String(row.id) })).toMatchObject({ ok: true });
    expect((await loadGradeCard(SYSTEM, h.cand.id, h.term1.id)).percent.value).toBe(75); // 8.00 × 10 − 5
    const edited = await savePercentConversionAction(null, {
      id: String(row.id),
      name: "Anna University",
      factor: "10",
      offset: "-2.5",
      formula: "(CGPA - 0.25) x 10",
    });
    expect(edited).toMatchObject({ ok: true });
    signInAs(null);
    const card = await loadGradeCard(SYSTEM, h.cand.id, h.term1.id);
    expect(card.percent).toEqual({ value: 77.5, conversion: { name: "Anna University", formula: "(CGPA - 0.25) x 10" } });
  });
});

describe("grade cards on the demo data", () => {
  let admin: Actor;
  beforeAll(async () => {
    await seedDemo(() => {}, { candidates: 12 });
    const [u] = await db.select().from(users).where(eq(users.email, "admin@markbook.test"));
    admin = { id: u.id, role: u.role, fullName: u.fullName, email: u.email };
  }, 120_000);

  it("every demo candidate's card equals their candidate page, term by term", async () => {
    const ids = (await db.select({ id: candidates.id }).from(candidates)).map((c) => c.id);
    let compared = 0;
    for (const id of ids) {
      const page = await candidateResults(admin, id);
      for (const t of page.terms) {
        const card = await loadGradeCard(admin, id, t.termId);
        expect(card.term.sgpa).toEqual(t.sgpa);
        expect(card.term.courses.map((c) => [c.code, c.percent, c.grade, c.points, c.credits])).toEqual(
          t.courses.map((c) => [c.code, c.result.shown, c.grade, c.gradePoints?.points ?? null, c.credits]),
        );
        compared += 1;
      }
      const latest = page.terms.reduce((a, b) => (b.termOrder > a.termOrder ? b : a), page.terms[0]);
      if (latest) expect((await loadGradeCard(admin, id, latest.termId)).cgpa).toEqual(page.gpa.cgpa);
    }
    expect(compared).toBeGreaterThan(10);
  });
});
