import { describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, auditEvents, candidates, gradeCardRemarks } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/actor";
import { createCourse, getCourse } from "@/db/queries/courses";
import { enrol } from "@/db/queries/candidates";
import { createAssessment } from "@/db/queries/assessments";
import { saveMark } from "@/db/queries/marks";
import { listDetentions } from "@/db/queries/eligibility";
import { eligibilityForCandidateTerm } from "@/db/queries/internal/eligibility";
import { gradeCardBatch, loadGradeCard } from "@/db/queries/grade-cards";
import { remarksOfCandidate } from "@/db/queries/remarks";
import { eraseCandidate, exportCandidateData } from "@/db/queries/privacy";
import { createCourseAction, updateCourseAction } from "@/app/(staff)/courses/actions";
import { saveRemarksAction } from "@/app/(staff)/candidates/actions";
import { renderGradeCard } from "@/lib/pdf/render";
import { forCourse } from "@/lib/results/eligibility";
import { absent, makeCourse, takeAttendance } from "../support/academy";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";
import { pdfText } from "../support/pdf-text";

const LIST = { dir: "asc" as const, page: 1, size: 25 };

async function call<T>(as: Actor & { sessionVersion?: number }, fn: () => Promise<T>): Promise<T> {
  signInAs(as);
  try {
    return await fn();
  } finally {
    signInAs(null);
  }
}

describe("an attendance minimum per course", () => {
  it("keeps the program's condonation band depth below the course's own minimum", () => {
    const program = { minimum: 75, condonableFrom: 65, maxCondonations: 2 };
    expect(forCourse(program, null)).toBe(program);
    expect(forCourse(program, 80)).toEqual({ minimum: 80, condonableFrom: 70, maxCondonations: 2 });
    expect(forCourse(program, 5)).toEqual({ minimum: 5, condonableFrom: 0, maxCondonations: 2 });
  });

  it("a lab at 85 %: 80 % attendance is condonable there, eligible in the program’s other course; the alert names 85 %", async () => {
    const made = await makeCourse({ candidates: 2 });
    const [asha, bala] = made.candidates.map((c) => c.id);
    const admin = await makeUser("admin");
    // 80 % in the program's ordinary course: eligible at 75 %.
    await takeAttendance(made.course.id, made.teacher, { [asha]: absent(2), [bala]: absent(0) });
    const lab = await createCourse(SYSTEM, {
      code: `LAB${made.course.id}`,
      name: "Physics lab",
      programId: made.program.id,
      termId: made.term.id,
      credits: 2,
      minAttendance: 85,
      teacherIds: [made.teacher.id],
    });
    await enrol(SYSTEM, [asha, bala], lab.id);
    // Asha 80 % in the lab (band 75–85: condonable), Bala 70 % (below the band).
    await takeAttendance(lab.id, made.teacher, { [asha]: absent(2), [bala]: absent(3) });

    const rows = (await listDetentions(admin, LIST, { termId: made.term.id })).rows;
    expect(rows.map((r) => [r.candidateId, r.courseId, r.shown, r.minimum, r.condonableFrom, r.detention])).toEqual([
      [asha, lab.id, 80, 85, 75, "not_condoned"],
      [bala, lab.id, 70, 85, 75, "below_band"],
    ]);
    const verdicts = await eligibilityForCandidateTerm(asha, made.term.id);
    expect(verdicts.find((v) => v.courseId === made.course.id)).toMatchObject({ status: "eligible", maySit: true });
    expect(verdicts.find((v) => v.courseId === lab.id)).toMatchObject({ status: "condonable", maySit: false, reason: "below 85 %, not condoned" });

    const open = await db
      .select({ message: alerts.message, courseId: alerts.courseId })
      .from(alerts)
      .where(and(eq(alerts.candidateId, asha), eq(alerts.rule, "low_attendance"), isNull(alerts.resolvedAt)));
    expect(open).toEqual([{ courseId: lab.id, message: expect.stringContaining("below the minimum 85") }]);
    expect((await getCourse(admin, lab.id)).attendanceMinimum).toBe(85);
    expect((await getCourse(admin, made.course.id)).attendanceMinimum).toBe(75);
  });

  it("the course form sets and clears it; out-of-range figures are refused beside the field and change nothing", async () => {
    const made = await makeCourse({ candidates: 1 });
    const [asha] = made.candidates.map((c) => c.id);
    const admin = await makeUser("admin");
    await takeAttendance(made.course.id, made.teacher, { [asha]: absent(2) }); // 80 %
    const base = {
      id: made.course.id,
      code: made.course.code,
      name: made.course.name,
      programId: made.program.id,
      termId: made.term.id,
      credits: 4,
      teacherIds: [made.teacher.id],
    };
    expect((await listDetentions(admin, LIST, { termId: made.term.id })).total).toBe(0);

    for (const bad of ["120", "-1", "lots"]) {
      const r = await call(admin, () => updateCourseAction(null, { ...base, minAttendance: bad }));
      expect(r).toMatchObject({ ok: false, fieldErrors: { minAttendance: [expect.any(String)] } });
    }
    expect((await getCourse(admin, made.course.id)).minAttendance).toBeNull();

    // Raised to 90 %: Asha at 80 % falls in the band 80–90 at once (the save re-applies the rules).
    expect(await call(admin, () => updateCourseAction(null, { ...base, minAttendance: "90" }))).toMatchObject({ ok: true });
    const listed = await listDetentions(admin, LIST, { termId: made.term.id });
    expect(listed.rows.map((r) => [r.candidateId, r.minimum, r.detention])).toEqual([[asha, 90, "not_condoned"]]);
    const [alert] = await db
      .select({ resolvedAt: alerts.resolvedAt })
      .from(alerts)
      .where(and(eq(alerts.candidateId, asha), eq(alerts.rule, "low_attendance"), eq(alerts.courseId, made.course.id)));
    expect(alert.resolvedAt).toBeNull();

    // Blank: the program's minimum again; the alert resolves.
    expect(await call(admin, () => updateCourseAction(null, { ...base, minAttendance: "" }))).toMatchObject({ ok: true });
    expect((await listDetentions(admin, LIST, { termId: made.term.id })).total).toBe(0);
    const [after] = await db
      .select({ resolvedAt: alerts.resolvedAt })
      .from(alerts)
      .where(and(eq(alerts.candidateId, asha), eq(alerts.rule, "low_attendance"), eq(alerts.courseId, made.course.id)));
    expect(after.resolvedAt).toBeInstanceOf(Date);

    // A new course with its own minimum, through the action.
    const { id: _id, ...fresh } = base;
    const created = await call(admin, () => createCourseAction(null, { ...fresh, code: `N${_id}`, minAttendance: "70.5", teacherIds: [] }));
    expect(created).toMatchObject({ ok: true });
    expect((await getCourse(admin, (created as { data: { id: number } }).data.id)).minAttendance).toBe(70.5);
  });
});

describe("the grade card's remarks", () => {
  async function setUp() {
    const made = await makeCourse({ candidates: 2 });
    const a = await createAssessment(SYSTEM, made.course.id, { name: "Exam", kind: "exam", maxScore: 100, weight: 1, published: true, released: true });
    for (const c of made.candidates) await saveMark(SYSTEM, { assessmentId: a.id, candidateId: c.id, score: 72, status: "graded", expectedVersion: null });
    const admin = await makeUser("admin");
    const other = await makeUser("faculty");
    const counsellor = await makeUser("counsellor");
    return { ...made, admin, other, counsellor, asha: made.candidates[0].id, bala: made.candidates[1].id };
  }

  it("the class teacher writes them; they print on the card (single and batch), with history in the audit trail", async () => {
    const s = await setUp();
    const input = { candidateId: s.asha, termId: s.term.id, body: "  Steady work; must revise units 3 and 4.  ", version: 0 };
    const saved = await call(s.teacher, () => saveRemarksAction(null, input));
    expect(saved).toMatchObject({ ok: true, data: { version: 1, cleared: false } });

    const mine = await remarksOfCandidate(s.admin, s.asha);
    expect(mine.get(s.term.id)).toMatchObject({ body: "Steady work; must revise units 3 and 4.", version: 1, updatedBy: s.teacher.fullName });
    const card = await loadGradeCard(s.admin, s.asha, s.term.id);
    expect(card.remarks).toBe("Steady work; must revise units 3 and 4.");
    const batch = await gradeCardBatch(s.term.id, [s.asha, s.bala]);
    expect(batch.map((c) => c.remarks)).toEqual(["Steady work; must revise units 3 and 4.", null]);
    expect(await pdfText(await renderGradeCard(card))).toContain("Steady work; must revise units 3 and 4.");

    // A second save from the same page (it now holds version 1) replaces them.
    expect(await call(s.teacher, () => saveRemarksAction(null, { ...input, body: "Much improved.", version: 1 }))).toMatchObject({
      ok: true,
      data: { version: 2 },
    });
    const trail = await db
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.entity, "grade_card_remarks"))
      .orderBy(auditEvents.id);
    expect(trail.slice(-2).map((e) => [e.action, e.before?.body ?? null, e.after?.body ?? null])).toEqual([
      ["create", null, "Steady work; must revise units 3 and 4."],
      ["update", "Steady work; must revise units 3 and 4.", "Much improved."],
    ]);

    // Blank clears them: the card's box is empty again.
    expect(await call(s.admin, () => saveRemarksAction(null, { ...input, body: "   ", version: 2 }))).toMatchObject({ ok: true, data: { cleared: true } });
    expect((await loadGradeCard(s.admin, s.asha, s.term.id)).remarks).toBeNull();
  });

  it("a save from a stale tab is a conflict showing the other words, and writes nothing", async () => {
    const s = await setUp();
    const base = { candidateId: s.asha, termId: s.term.id, version: 0 };
    expect(await call(s.teacher, () => saveRemarksAction(null, { ...base, body: "Written first." }))).toMatchObject({ ok: true });
    const stale = await call(s.admin, () => saveRemarksAction(null, { ...base, body: "Written second, from an old page." }));
    expect(stale).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("Written first.") });
    const [row] = await db.select().from(gradeCardRemarks).where(eq(gradeCardRemarks.candidateId, s.asha));
    expect(row).toMatchObject({ body: "Written first.", version: 1 });

    // Two saves racing from the same version: one lands, the other is a conflict.
    signInAs(s.admin);
    try {
      const raced = await Promise.all(["Racer one.", "Racer two."].map((body) => saveRemarksAction(null, { ...base, candidateId: s.bala, body })));
      expect(raced.map((r) => r.ok).sort()).toEqual([false, true]);
      expect(raced.find((r) => !r.ok)).toMatchObject({ code: "conflict" });
    } finally {
      signInAs(null);
    }
    const rows = await db.select().from(gradeCardRemarks).where(eq(gradeCardRemarks.candidateId, s.bala));
    expect(rows).toHaveLength(1);
    expect(rows[0].version).toBe(1);
  });

  it("refuses, writing nothing: another teacher, a counsellor, a term the teacher does not teach, too long, and an erased candidate", async () => {
    const s = await setUp();
    const base = { candidateId: s.asha, termId: s.term.id, body: "Fine.", version: 0 };
    expect(await call(s.other, () => saveRemarksAction(null, base))).toMatchObject({ ok: false, code: "not_found" });
    expect(await call(s.counsellor, () => saveRemarksAction(null, base))).toMatchObject({ ok: false, code: "forbidden" });
    const elsewhere = await makeCourse({ candidates: 0 });
    expect(await call(s.teacher, () => saveRemarksAction(null, { ...base, termId: elsewhere.term.id }))).toMatchObject({ ok: false, code: "not_found" });
    // Nor an admin, for a term in which the candidate has no course: that card is never made.
    expect(await call(s.admin, () => saveRemarksAction(null, { ...base, termId: elsewhere.term.id }))).toMatchObject({ ok: false, code: "not_found" });
    const long = await call(s.teacher, () => saveRemarksAction(null, { ...base, body: "x".repeat(501) }));
    expect(long).toMatchObject({ ok: false, fieldErrors: { body: ["Use at most 500 characters"] } });
    expect(await db.select().from(gradeCardRemarks).where(eq(gradeCardRemarks.candidateId, s.asha))).toEqual([]);

    await eraseCandidate(s.admin, s.bala, { confirm: await numberOf(s.bala), reason: "Asked to be forgotten" });
    expect(await call(s.admin, () => saveRemarksAction(null, { ...base, candidateId: s.bala }))).toMatchObject({ ok: false });
    expect(await db.select().from(gradeCardRemarks).where(eq(gradeCardRemarks.candidateId, s.bala))).toEqual([]);
  });

  it("are in the subject-access export, and erasure deletes them (and their words in the audit trail)", async () => {
    const s = await setUp();
    await call(s.teacher, () => saveRemarksAction(null, { candidateId: s.asha, termId: s.term.id, body: "Asha leads the lab group.", version: 0 }));
    const exported = await exportCandidateData(s.admin, s.asha);
    expect(exported.data.gradeCardRemarks).toEqual([expect.objectContaining({ termId: s.term.id, body: "Asha leads the lab group." })]);

    await eraseCandidate(s.admin, s.asha, { confirm: await numberOf(s.asha), reason: "Asked to be forgotten" });
    expect(await db.select().from(gradeCardRemarks).where(eq(gradeCardRemarks.candidateId, s.asha))).toEqual([]);
    const trail = await db.select({ after: auditEvents.after }).from(auditEvents).where(eq(auditEvents.entity, "grade_card_remarks"));
    expect(JSON.stringify(trail)).not.toContain("leads the lab group");
  });
});

/** What erasure asks to be typed to confirm: the candidate's number. */
async function numberOf(candidateId: number): Promise<string> {
  const [c] = await db.select({ n: candidates.candidateNumber }).from(candidates).where(eq(candidates.id, candidateId));
  return c.n;
}
