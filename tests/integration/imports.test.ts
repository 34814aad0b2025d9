import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { accessLinks, attendance, candidates, guardians, imports, interactions, marks, tasks } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { commitImport, previewImport, undoImport } from "@/db/queries/imports";
import { saveMark } from "@/db/queries/marks";
import { saveRegister } from "@/db/queries/attendance";
import { setTermLocked } from "@/db/queries/terms";
import { updateCourse } from "@/db/queries/courses";
import { enrol } from "@/db/queries/candidates";
import { createInteraction } from "@/db/queries/interactions";
import { createTask } from "@/db/queries/tasks";
import { continueReportRun, startReportRun } from "@/db/queries/reports";
import { deliverDue } from "@/db/queries/emails";
import { eraseCandidate } from "@/db/queries/privacy";
import { undoImportAction } from "@/app/(staff)/imports/actions";
import { addWorkedExample, makeCourse } from "../support/academy";
import { databaseChecksum, tableChecksum } from "../support/actions";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

const MAP = { candidateNumber: "Candidate number", courseCode: "Course code", assessment: "Assessment", score: "Score", feedback: "Feedback" };

async function setup() {
  const ctx = await makeCourse({ candidates: 3 });
  const a = await addWorkedExample(ctx.course.id);
  const n = ctx.candidates.map((c) => c.candidateNumber);
  return { ...ctx, ...a, n };
}

function csv(lines: string[]) {
  return ["Candidate number,Course code,Assessment,Score,Feedback", ...lines].join("\n");
}

describe("marks import", () => {
  it("previews every row's errors and writes nothing", async () => {
    const { course, n } = await setup();
    const before = await tableChecksum();
    const text = csv([
      `${n[0]},${course.code},Quiz,15,Well done`,
      `NOPE-1,${course.code},Quiz,10,`,
      `${n[1]},${course.code},Quiz,25,`,
      `${n[2]},${course.code},Essay,10,`,
      `${n[0]},${course.code},Quiz,14,`,
      `${n[1]},XX999,Quiz,5,`,
    ]);
    const plan = await previewImport(SYSTEM, "marks", text, MAP);
    expect(plan.counts).toMatchObject({ rows: 6, create: 1, error: 5 });
    const errs = Object.fromEntries(plan.rows.filter((r) => r.action === "error").map((r) => [r.line, r.errors.join("; ")]));
    expect(errs[3]).toContain("Unknown candidate NOPE-1");
    expect(errs[4]).toContain("Above the maximum of 20");
    expect(errs[5]).toContain("No assessment “Essay”");
    expect(errs[6]).toContain("Duplicate of line 2");
    expect(errs[7]).toContain("Unknown course XX999");
    expect(await tableChecksum()).toEqual(before);
  });

  it("refuses the whole file when one row fails: nothing is written", async () => {
    const { course, n, quiz } = await setup();
    const before = await tableChecksum();
    const text = csv([`${n[0]},${course.code},Quiz,15,`, `${n[1]},${course.code},Quiz,abc,`]);
    await expect(commitImport(SYSTEM, { kind: "marks", fileName: "bad.csv", text, mapping: MAP })).rejects.toThrow(/1 row\(s\) have errors/);
    expect(await db.select().from(marks).where(eq(marks.assessmentId, quiz.id))).toHaveLength(0);
    expect(await tableChecksum()).toEqual(before);
  });

  it("imports once; the same file again changes nothing; undo restores the previous marks", async () => {
    const { teacher, course, n, quiz, midterm } = await setup();
    // A mark that exists before the import, to see undo put it back.
    await saveMark(teacher, { assessmentId: quiz.id, candidateId: (await byNumber(n[0])).id, score: 11, status: "graded", expectedVersion: null });
    const text = csv([`${n[0]},${course.code},Quiz,15,Re-marked`, `${n[1]},${course.code},Quiz,AB,`, `${n[2]},${course.code},Midterm,36L,Late but good`]);
    const first = await commitImport(teacher, { kind: "marks", fileName: "marks.csv", text, mapping: MAP });
    expect(first.counts).toMatchObject({ create: 2, update: 1, unchanged: 0, error: 0 });
    const c0 = await markOf(quiz.id, n[0]);
    expect(c0).toMatchObject({ score: 15, feedback: "Re-marked" });
    expect(await markOf(midterm.id, n[2])).toMatchObject({ score: 36, status: "late" });
    const checksum = await tableChecksum();
    const second = await commitImport(teacher, { kind: "marks", fileName: "marks.csv", text, mapping: MAP });
    expect(second.counts).toMatchObject({ create: 0, update: 0, unchanged: 3 });
    expect({ ...(await tableChecksum()), imports: 0, audit_events: 0 }).toEqual({ ...checksum, imports: 0, audit_events: 0 });

    await undoImport(teacher, first.importId);
    expect(await markOf(quiz.id, n[0])).toMatchObject({ score: 11, feedback: null });
    expect(await markOf(quiz.id, n[1])).toMatchObject({ score: null, status: "graded" });
    const [imp] = await db.select().from(imports).where(eq(imports.id, first.importId));
    expect(imp.status).toBe("undone");
    await expect(undoImport(teacher, first.importId)).rejects.toThrow(/already been undone/);
  });

  it("will not undo over newer work", async () => {
    const { teacher, course, n, quiz } = await setup();
    const r = await commitImport(teacher, { kind: "marks", fileName: "m.csv", text: csv([`${n[0]},${course.code},Quiz,15,`]), mapping: MAP });
    const m = await markOf(quiz.id, n[0]);
    await saveMark(teacher, { assessmentId: quiz.id, candidateId: m.candidateId, score: 16, status: "graded", expectedVersion: m.version });
    await expect(undoImport(teacher, r.importId)).rejects.toThrow(/changed after the import/);
  });

  it("keeps faculty to their own courses", async () => {
    const { course, n } = await setup();
    const stranger = await makeUser("faculty");
    const plan = await previewImport(stranger, "marks", csv([`${n[0]},${course.code},Quiz,15,`]), MAP);
    expect(plan.rows[0].errors.join()).toContain("not one you teach");
  });
});

describe("attendance and candidates import", () => {
  it("imports attendance with dates as people type them, creating sessions", async () => {
    const { teacher, course, n } = await setup();
    const text = [
      "Candidate number,Course code,Date,Status",
      `${n[0]},${course.code},19-09-2026,present`,
      `${n[1]},${course.code},2026-09-19,absent`,
      `${n[2]},${course.code},31-02-2026,present`,
    ].join("\n");
    const mapping = { candidateNumber: "Candidate number", courseCode: "Course code", date: "Date", status: "Status" };
    const plan = await previewImport(teacher, "attendance", text, mapping);
    expect(plan.rows[2].errors[0]).toContain("Bad date “31-02-2026”");
    const ok = text.split("\n").slice(0, 3).join("\n");
    const r = await commitImport(teacher, { kind: "attendance", fileName: "a.csv", text: ok, mapping });
    expect(r.counts.create).toBe(2);
    const rows = await db
      .select()
      .from(attendance)
      .where(eq(attendance.candidateId, (await byNumber(n[1])).id));
    expect(rows.map((x) => x.status)).toEqual(["absent"]);
  });

  it("imports candidates with several guardians, then undoes it", async () => {
    const admin = await makeUser("admin");
    const text = [
      "Candidate number,Full name,Email,Guardian name,Guardian relationship,Guardian email",
      "IMP-001,Ravi Kumar,ravi@example.com,Sita Kumar,Mother,sita@example.com",
      "IMP-001,Ravi Kumar,ravi@example.com,Mohan Kumar,Father,",
      "IMP-002,Lata Singh,not-an-email,,,",
    ].join("\n");
    const mapping = {
      candidateNumber: "Candidate number",
      fullName: "Full name",
      email: "Email",
      guardianName: "Guardian name",
      guardianRelationship: "Guardian relationship",
      guardianEmail: "Guardian email",
    };
    const plan = await previewImport(admin, "candidates", text, mapping);
    expect(plan.rows[2].errors[0]).toContain("Bad email");
    const r = await commitImport(admin, { kind: "candidates", fileName: "c.csv", text: text.split("\n").slice(0, 3).join("\n"), mapping });
    const ravi = await byNumber("IMP-001");
    expect((await db.select().from(guardians).where(eq(guardians.candidateId, ravi.id))).map((g) => g.fullName).sort()).toEqual(["Mohan Kumar", "Sita Kumar"]);
    await undoImport(admin, r.importId);
    expect(await db.select().from(candidates).where(eq(candidates.candidateNumber, "IMP-001"))).toHaveLength(0);
  });
});

const ATTENDANCE_MAP = { candidateNumber: "Candidate number", courseCode: "Course code", date: "Date", status: "Status", note: "Note" };
const attendanceCsv = (lines: string[]) => ["Candidate number,Course code,Date,Status,Note", ...lines].join("\n");
const CANDIDATE_MAP = {
  candidateNumber: "Candidate number",
  fullName: "Full name",
  email: "Email",
  guardianName: "Guardian name",
  guardianRelationship: "Guardian relationship",
  guardianEmail: "Guardian email",
};
const candidatesCsv = (lines: string[]) => ["Candidate number,Full name,Email,Guardian name,Guardian relationship,Guardian email", ...lines].join("\n");

/** The undo as the Imports screen calls it, by the given person. */
async function undoAs(who: { id: number; sessionVersion?: number }, id: number) {
  signInAs(who);
  return undoImportAction(null, { id });
}

describe("undoing an import is an edit like any other", () => {
  it("refuses to undo an attendance import into a term locked since, for an admin too, changing nothing", async () => {
    const { teacher, term, course, n } = await setup();
    const admin = await makeUser("admin");
    const r = await commitImport(teacher, {
      kind: "attendance",
      fileName: "register.csv",
      text: attendanceCsv([`${n[0]},${course.code},19-09-2026,absent,Unwell`, `${n[1]},${course.code},19-09-2026,late,`]),
      mapping: ATTENDANCE_MAP,
    });
    await setTermLocked(admin, term.id, true);
    // A direct edit of that register is refused…
    const [session] = await db
      .select({ id: attendance.sessionId })
      .from(attendance)
      .where(eq(attendance.candidateId, (await byNumber(n[0])).id));
    await expect(
      saveRegister(admin, session.id, [{ candidateId: (await byNumber(n[0])).id, status: "present", note: null, expectedVersion: 1 }] as Parameters<
        typeof saveRegister
      >[2]),
    ).rejects.toThrow(/locked/);
    // …and so is undoing the import that wrote it, by whoever asks.
    const before = await databaseChecksum();
    for (const who of [admin, teacher]) {
      const res = await undoAs(who, r.importId);
      expect(res.ok).toBe(false);
      if (!res.ok)
        expect(res.message).toMatch(
          new RegExp(
            `^${term.name} is locked, so this import into ${course.code} cannot be undone.*Nothing was changed\\. An admin can unlock the term \\(giving a reason, which is recorded\\)`,
          ),
        );
    }
    expect(await databaseChecksum()).toEqual(before);
    // Unlocked with a reason, the same undo goes through.
    await setTermLocked(admin, term.id, false, "Correcting a wrong register import");
    expect(await undoAs(admin, r.importId)).toMatchObject({ ok: true });
    expect(await db.select().from(attendance).where(eq(attendance.sessionId, session.id))).toEqual([]);
  });

  it("refuses to undo a marks import into a term locked since, changing nothing", async () => {
    const { teacher, term, course, n } = await setup();
    const admin = await makeUser("admin");
    const r = await commitImport(teacher, { kind: "marks", fileName: "m.csv", text: csv([`${n[0]},${course.code},Quiz,15,`]), mapping: MAP });
    await setTermLocked(admin, term.id, true);
    const before = await databaseChecksum();
    const res = await undoAs(admin, r.importId);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toMatch(/is locked, so this import .* cannot be undone/);
    expect(await databaseChecksum()).toEqual(before);
  });

  it("refuses a teacher who no longer teaches the course, for attendance and marks, changing nothing", async () => {
    const { teacher, program, term, course, n } = await setup();
    const admin = await makeUser("admin");
    const att = await commitImport(teacher, {
      kind: "attendance",
      fileName: "a.csv",
      text: attendanceCsv([`${n[0]},${course.code},2026-02-02,absent,`]),
      mapping: ATTENDANCE_MAP,
    });
    const mk = await commitImport(teacher, { kind: "marks", fileName: "m.csv", text: csv([`${n[0]},${course.code},Quiz,15,`]), mapping: MAP });
    const successor = await makeUser("faculty");
    await updateCourse(admin, course.id, {
      code: course.code,
      name: course.name,
      programId: program.id,
      termId: term.id,
      credits: course.credits,
      teacherIds: [successor.id],
    });
    const before = await databaseChecksum();
    for (const id of [att.importId, mk.importId]) {
      const res = await undoAs(teacher, id);
      expect(res).toMatchObject({ ok: false, code: "forbidden" });
      if (!res.ok) expect(res.message).toMatch(new RegExp(`no longer change the marks or attendance of ${course.code}`));
    }
    expect(await databaseChecksum()).toEqual(before);
    // An admin still may.
    expect(await undoAs(admin, att.importId)).toMatchObject({ ok: true });
  });
});

describe("undoing a candidates import never takes later work with it", () => {
  it("refuses when a candidate it created has interactions and a task since, naming them, and deletes nothing", async () => {
    const admin = await makeUser("admin");
    const r = await commitImport(admin, {
      kind: "candidates",
      fileName: "c.csv",
      text: candidatesCsv(["UND-101,Asha Rao,asha@example.com,Lakshmi Rao,Mother,lakshmi@example.com", "UND-102,Kiran Das,,,,"]),
      mapping: CANDIDATE_MAP,
    });
    const asha = await byNumber("UND-101");
    await createInteraction(admin, { candidateId: asha.id }, { kind: "call", body: "Asked about the hostel" });
    await createInteraction(admin, { candidateId: asha.id }, { kind: "note", body: "Visiting on Friday" });
    await createTask(admin, { title: "Send Asha the prospectus", status: "open", candidateId: asha.id });
    const before = await databaseChecksum();
    const res = await undoAs(admin, r.importId);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.message).toBe("Asha Rao has 2 interactions and 1 task since the import; undo would lose them. Nothing was undone.");
    expect(await databaseChecksum()).toEqual(before);
    expect(await db.select().from(interactions).where(eq(interactions.candidateId, asha.id))).toHaveLength(2);
    expect(await db.select().from(tasks).where(eq(tasks.candidateId, asha.id))).toHaveLength(1);
  });

  it("refuses when a created candidate was since enrolled, marked and sent a report", async () => {
    const admin = await makeUser("admin");
    const { course, quiz } = await setup();
    const r = await commitImport(admin, {
      kind: "candidates",
      fileName: "c.csv",
      text: candidatesCsv(["UND-201,Meera Iyer,meera@example.com,Sunita Iyer,Mother,sunita@example.com"]),
      mapping: CANDIDATE_MAP,
    });
    const meera = await byNumber("UND-201");
    await enrol(admin, [meera.id], course.id);
    await saveMark(admin, { assessmentId: quiz.id, candidateId: meera.id, score: 18, status: "graded", expectedVersion: null });
    const run = await startReportRun(admin, { kind: "candidate", candidateId: meera.id });
    await continueReportRun(admin, run.id);
    await deliverDue();
    const before = await databaseChecksum();
    const res = await undoAs(admin, r.importId);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.message).toMatch(/^Meera Iyer has .* since the import; undo would lose them\. Nothing was undone\.$/);
      for (const work of ["1 enrolment", "1 mark", "email", "result link"]) expect(res.message).toContain(work);
    }
    expect(await databaseChecksum()).toEqual(before);
  });

  it("refuses to remove a guardian it added to an existing candidate once a result link was sent to them", async () => {
    const admin = await makeUser("admin");
    const { n } = await setup();
    const existing = await byNumber(n[0]);
    const r = await commitImport(admin, {
      kind: "candidates",
      fileName: "g.csv",
      text: candidatesCsv([`${existing.candidateNumber},${existing.fullName},,Farah Khan,Aunt,farah@example.com`]),
      mapping: CANDIDATE_MAP,
    });
    const [farah] = await db
      .select()
      .from(guardians)
      .where(and(eq(guardians.candidateId, existing.id), eq(guardians.fullName, "Farah Khan")));
    const run = await startReportRun(admin, { kind: "candidate", candidateId: existing.id });
    await continueReportRun(admin, run.id);
    await deliverDue();
    expect(await db.select().from(accessLinks).where(eq(accessLinks.guardianId, farah.id))).not.toHaveLength(0);
    const before = await databaseChecksum();
    const res = await undoAs(admin, r.importId);
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.message).toBe(`Guardian Farah Khan (of ${existing.fullName}) has 1 result link since the import; undo would lose it. Nothing was undone.`);
    expect(await databaseChecksum()).toEqual(before);
  });

  it("still undoes an import nobody has built on: its candidates and their guardians go, nothing else", async () => {
    const admin = await makeUser("admin");
    const { n } = await setup();
    const existing = await byNumber(n[0]);
    const r = await commitImport(admin, {
      kind: "candidates",
      fileName: "c.csv",
      text: candidatesCsv(["UND-301,Tara Sen,,Mala Sen,Mother,", `${existing.candidateNumber},${existing.fullName},,Omar Ali,Uncle,`]),
      mapping: CANDIDATE_MAP,
    });
    const tara = await byNumber("UND-301");
    expect(await db.select().from(guardians).where(eq(guardians.candidateId, tara.id))).toHaveLength(1);
    expect(await undoAs(admin, r.importId)).toMatchObject({ ok: true });
    expect(await byNumber("UND-301")).toBeUndefined();
    expect(await db.select().from(guardians).where(eq(guardians.candidateId, tara.id))).toEqual([]);
    expect((await db.select().from(guardians).where(eq(guardians.candidateId, existing.id))).map((g) => g.fullName)).not.toContain("Omar Ali");
  });
});

describe("erased candidates take no words from a file", () => {
  async function erasedSetup() {
    const ctx = await setup();
    const admin = await makeUser("admin");
    const target = await byNumber(ctx.n[0]);
    await eraseCandidate(admin, target.id, { confirm: ctx.n[0], reason: "The family asked" });
    const erased = (await db.select().from(candidates).where(eq(candidates.id, target.id)))[0];
    expect(erased.candidateNumber).toMatch(/^ERASED-/);
    return { ...ctx, admin, erased };
  }

  it("marks: feedback for an erased candidate is a row error and the file is refused; a score alone goes in", async () => {
    const { teacher, course, n, quiz, erased } = await erasedSetup();
    const text = csv([`${erased.candidateNumber},${course.code},Quiz,15,Lovely work from this student`, `${n[1]},${course.code},Quiz,12,Fine`]);
    const plan = await previewImport(teacher, "marks", text, MAP);
    expect(plan.rows[0]).toMatchObject({ line: 2, action: "error" });
    expect(plan.rows[0].errors.join(" ")).toMatch(/personal data was erased: a mark can be imported, but not feedback/);
    expect(plan.rows[1]).toMatchObject({ line: 3, action: "create" });
    const before = await databaseChecksum();
    await expect(commitImport(teacher, { kind: "marks", fileName: "m.csv", text, mapping: MAP })).rejects.toThrow(/1 row\(s\) have errors/);
    expect(await databaseChecksum()).toEqual(before);
    await commitImport(teacher, { kind: "marks", fileName: "m.csv", text: csv([`${erased.candidateNumber},${course.code},Quiz,15,`]), mapping: MAP });
    expect(await markOf(quiz.id, erased.candidateNumber)).toMatchObject({ score: 15, feedback: null });
  });

  it("attendance: a note for an erased candidate is a row error", async () => {
    const { teacher, course, erased } = await erasedSetup();
    const plan = await previewImport(
      teacher,
      "attendance",
      attendanceCsv([`${erased.candidateNumber},${course.code},2026-02-02,absent,Was unwell at home`]),
      ATTENDANCE_MAP,
    );
    expect(plan.rows[0].action).toBe("error");
    expect(plan.rows[0].errors.join(" ")).toMatch(/personal data was erased: attendance can be imported, but not a note/);
  });

  it("candidates: an erased record is never matched, updated or given a guardian, and ERASED- numbers are not for new records", async () => {
    const { admin, erased } = await erasedSetup();
    const text = candidatesCsv([
      `${erased.candidateNumber},Real Name Again,real@example.com,Some Parent,Mother,parent@example.com`,
      "ERASED-999999,Someone New,,,,",
    ]);
    const plan = await previewImport(admin, "candidates", text, CANDIDATE_MAP);
    expect(plan.rows.map((r) => r.action)).toEqual(["error", "error"]);
    expect(plan.rows[0].errors.join(" ")).toMatch(/is an erased record.*cannot change it or add guardians to it/);
    expect(plan.rows[1].errors.join(" ")).toMatch(/kept for erased records/);
    const before = await databaseChecksum();
    await expect(commitImport(admin, { kind: "candidates", fileName: "c.csv", text, mapping: CANDIDATE_MAP })).rejects.toThrow(/row\(s\) have errors/);
    expect(await databaseChecksum()).toEqual(before);
    const [still] = await db.select().from(candidates).where(eq(candidates.id, erased.id));
    expect(still).toMatchObject({ fullName: erased.fullName, email: null });
    expect(await db.select().from(guardians).where(eq(guardians.candidateId, erased.id))).toEqual([]);
  });
});

async function byNumber(n: string) {
  const [c] = await db.select().from(candidates).where(eq(candidates.candidateNumber, n));
  return c;
}
async function markOf(assessmentId: number, number: string) {
  const c = await byNumber(number);
  const [m] = await db
    .select()
    .from(marks)
    .where(and(eq(marks.assessmentId, assessmentId), eq(marks.candidateId, c.id)));
  return m;
}
