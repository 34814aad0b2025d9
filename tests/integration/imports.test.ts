import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { attendance, candidates, guardians, imports, marks } from "@/db/schema";
import { SYSTEM } from "@/db/queries/actor";
import { commitImport, previewImport, undoImport } from "@/db/queries/imports";
import { saveMark } from "@/db/queries/marks";
import { addWorkedExample, makeCourse } from "../support/academy";
import { tableChecksum } from "../support/actions";
import { makeUser } from "../support/factories";

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
    const text = ["Candidate number,Course code,Date,Status", `${n[0]},${course.code},19-09-2026,present`, `${n[1]},${course.code},2026-09-19,absent`, `${n[2]},${course.code},31-02-2026,present`].join("\n");
    const mapping = { candidateNumber: "Candidate number", courseCode: "Course code", date: "Date", status: "Status" };
    const plan = await previewImport(teacher, "attendance", text, mapping);
    expect(plan.rows[2].errors[0]).toContain("Bad date “31-02-2026”");
    const ok = text.split("\n").slice(0, 3).join("\n");
    const r = await commitImport(teacher, { kind: "attendance", fileName: "a.csv", text: ok, mapping });
    expect(r.counts.create).toBe(2);
    const rows = await db.select().from(attendance).where(eq(attendance.candidateId, (await byNumber(n[1])).id));
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
    const mapping = { candidateNumber: "Candidate number", fullName: "Full name", email: "Email", guardianName: "Guardian name", guardianRelationship: "Guardian relationship", guardianEmail: "Guardian email" };
    const plan = await previewImport(admin, "candidates", text, mapping);
    expect(plan.rows[2].errors[0]).toContain("Bad email");
    const r = await commitImport(admin, { kind: "candidates", fileName: "c.csv", text: text.split("\n").slice(0, 3).join("\n"), mapping });
    const ravi = await byNumber("IMP-001");
    expect((await db.select().from(guardians).where(eq(guardians.candidateId, ravi.id))).map((g) => g.fullName).sort()).toEqual(["Mohan Kumar", "Sita Kumar"]);
    await undoImport(admin, r.importId);
    expect(await db.select().from(candidates).where(eq(candidates.candidateNumber, "IMP-001"))).toHaveLength(0);
  });
});

async function byNumber(n: string) {
  const [c] = await db.select().from(candidates).where(eq(candidates.candidateNumber, n));
  return c;
}
async function markOf(assessmentId: number, number: string) {
  const c = await byNumber(number);
  const [m] = await db.select().from(marks).where(and(eq(marks.assessmentId, assessmentId), eq(marks.candidateId, c.id)));
  return m;
}
