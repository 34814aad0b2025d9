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
