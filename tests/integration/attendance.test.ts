import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { attendance, auditEvents, courseResults, courseTeachers } from "@/db/schema";
import { applyAttendanceBulk, createSession, getRegister, saveRegister, type RegisterEntry } from "@/db/queries/attendance";
import { commitImport, undoImport } from "@/db/queries/imports";
import { saveRegisterAction } from "@/app/(staff)/courses/[id]/attendance/actions";
import { makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

// Two staff taking the same register at once: the second save must never silently overwrite
// the first (finding 9 of issue 11). Rows are versioned like marks.

type Register = Awaited<ReturnType<typeof getRegister>>;

/** What the register form sends: every row, with the version it was loaded at and whether it was touched. */
function submit(loaded: Register, changes: Record<number, { status: RegisterEntry["status"]; note?: string | null }>): RegisterEntry[] {
  return loaded.rows.map((r) => {
    const c = changes[r.candidateId];
    return { candidateId: r.candidateId, status: c?.status ?? r.status, note: c ? (c.note ?? null) : r.note, expectedVersion: r.version, edited: !!c };
  });
}

async function record(sessionId: number, candidateId: number) {
  const [row] = await db
    .select()
    .from(attendance)
    .where(and(eq(attendance.sessionId, sessionId), eq(attendance.candidateId, candidateId)));
  return row;
}

async function twoTeachers() {
  const made = await makeCourse({ candidates: 3 });
  const colleague = await makeUser("faculty", { fullName: "Cleo Colleague" });
  // Co-taught: both may write this register.
  await db.insert(courseTeachers).values({ courseId: made.course.id, userId: colleague.id });
  const session = await createSession(made.teacher, made.course.id, { heldOn: "2026-03-02", topic: "Vectors" });
  const [x, y, z] = made.candidates.map((c) => c.id);
  return { ...made, colleague, session, x, y, z };
}

describe("the attendance register under two editors", () => {
  it("reports the second save's conflict with both values; the first's absence and note survive", async () => {
    const { teacher, colleague, session, x, y, z, course } = await twoTeachers();
    // Both open the register before anyone has saved it.
    const first = await getRegister(teacher, session.id);
    const second = await getRegister(colleague, session.id);
    expect(first.rows.every((r) => r.version === null)).toBe(true);

    const a = await saveRegister(teacher, session.id, submit(first, { [x]: { status: "absent", note: "Phoned in sick" } }));
    expect(a).toMatchObject({ changed: 3, conflicts: [] });

    // The colleague, still on the page as it loaded, marks the same candidate late and another excused.
    const b = await saveRegister(
      colleague,
      session.id,
      submit(second, { [x]: { status: "late", note: "Arrived at 10:20" }, [y]: { status: "excused", note: "Sports day" } }),
    );
    expect(b.changed).toBe(0);
    expect(b.conflicts).toEqual([
      {
        candidateId: x,
        theirs: { status: "absent", note: "Phoned in sick", version: 1, recordedBy: teacher.fullName },
        yours: { status: "late", note: "Arrived at 10:20" },
      },
      { candidateId: y, theirs: { status: "present", note: null, version: 1, recordedBy: teacher.fullName }, yours: { status: "excused", note: "Sports day" } },
    ]);
    // What comes back for the form is what is recorded.
    expect(b.rows.find((r) => r.candidateId === x)).toEqual({ candidateId: x, status: "absent", note: "Phoned in sick", version: 1 });

    expect(await record(session.id, x)).toMatchObject({ status: "absent", note: "Phoned in sick", version: 1, recordedBy: teacher.id });
    expect(await record(session.id, y)).toMatchObject({ status: "present", note: null, version: 1 });
    expect(await record(session.id, z)).toMatchObject({ status: "present", version: 1 });
    const [result] = await db
      .select()
      .from(courseResults)
      .where(and(eq(courseResults.candidateId, x), eq(courseResults.courseId, course.id)));
    expect(result.attendanceRate).toBe(0);

    // The colleague settles each row: keep theirs for x (nothing to send), overwrite with mine for y.
    const mine = await saveRegister(colleague, session.id, [
      { candidateId: y, status: "excused", note: "Sports day", expectedVersion: b.conflicts[1].theirs!.version, edited: true },
    ]);
    expect(mine).toMatchObject({ changed: 1, conflicts: [], rows: [{ candidateId: y, status: "excused", note: "Sports day", version: 2 }] });
    expect(await record(session.id, x)).toMatchObject({ status: "absent", note: "Phoned in sick", version: 1 });
    expect(await record(session.id, y)).toMatchObject({ status: "excused", note: "Sports day", version: 2, recordedBy: colleague.id });
  });

  it("keeps a colleague's change on a row this form left alone, and saves the rows it changed", async () => {
    const { teacher, colleague, session, x, y } = await twoTeachers();
    const loaded = await getRegister(teacher, session.id);
    await saveRegister(teacher, session.id, submit(loaded, {}));
    const stale = await getRegister(colleague, session.id);
    const fresh = await getRegister(teacher, session.id);
    await saveRegister(teacher, session.id, submit(fresh, { [x]: { status: "absent", note: "Phoned in sick" } }));

    const r = await saveRegister(colleague, session.id, submit(stale, { [y]: { status: "late" } }));
    expect(r).toMatchObject({ changed: 1, keptTheirs: 1, conflicts: [] });
    expect(r.rows.find((row) => row.candidateId === x)).toEqual({ candidateId: x, status: "absent", note: "Phoned in sick", version: 2 });
    expect(await record(session.id, x)).toMatchObject({ status: "absent", note: "Phoned in sick", version: 2 });
    expect(await record(session.id, y)).toMatchObject({ status: "late", version: 2 });
  });

  it("through the action: a save without versions never overwrites a recorded row, and nothing is written for it", async () => {
    const { teacher, colleague, session, x, course } = await twoTeachers();
    await saveRegister(teacher, session.id, [{ candidateId: x, status: "absent", note: "Phoned in sick", expectedVersion: null }]);
    const trail = (await db.select().from(auditEvents).where(eq(auditEvents.action, "record-attendance"))).length;
    signInAs(colleague);
    // As a form from before versions would send it: no expectedVersion at all.
    const unversioned = { sessionId: session.id, courseId: course.id, entries: [{ candidateId: x, status: "present", note: "" }] };
    const res = await saveRegisterAction(null, unversioned as Parameters<typeof saveRegisterAction>[1]);
    expect(res).toMatchObject({
      ok: true,
      data: {
        changed: 0,
        conflicts: [{ candidateId: x, theirs: { status: "absent", note: "Phoned in sick", version: 1 }, yours: { status: "present", note: null } }],
      },
    });
    expect(await record(session.id, x)).toMatchObject({ status: "absent", note: "Phoned in sick", version: 1 });
    expect((await db.select().from(auditEvents).where(eq(auditEvents.action, "record-attendance"))).length).toBe(trail);
    // A bad version is refused with the field named.
    const bad = await saveRegisterAction(null, {
      sessionId: session.id,
      courseId: course.id,
      entries: [{ candidateId: x, status: "present", expectedVersion: -1 }],
    });
    expect(bad).toMatchObject({ ok: false, code: "invalid", fieldErrors: { "entries.0.expectedVersion": [expect.any(String)] } });
  });

  it("refuses a register that lists a candidate twice, changing nothing", async () => {
    const { teacher, session, x } = await twoTeachers();
    await expect(
      saveRegister(teacher, session.id, [
        { candidateId: x, status: "absent", expectedVersion: null },
        { candidateId: x, status: "present", expectedVersion: null },
      ]),
    ).rejects.toThrow(/same candidate twice/);
    expect(await record(session.id, x)).toBeUndefined();
  });
});

describe("every write to an attendance row moves its version", () => {
  it("the register, the bulk path imports use, and an import's undo: a register loaded before each sees a conflict", async () => {
    const { teacher, session, x, course, candidates } = await twoTeachers();
    await saveRegister(teacher, session.id, [{ candidateId: x, status: "present", expectedVersion: null }]);
    expect((await record(session.id, x)).version).toBe(1);

    const beforeBulk = await getRegister(teacher, session.id);
    await db.transaction((tx) => applyAttendanceBulk(tx, teacher, [{ sessionId: session.id, candidateId: x, status: "late", note: "Bus strike" }]));
    expect(await record(session.id, x)).toMatchObject({ status: "late", note: "Bus strike", version: 2 });
    const stale = await saveRegister(teacher, session.id, submit(beforeBulk, { [x]: { status: "absent" } }));
    expect(stale.conflicts.map((c) => c.theirs)).toEqual([expect.objectContaining({ status: "late", note: "Bus strike", version: 2 })]);

    // An import changes it, and undoing the import changes it back: both are new versions.
    const [xNumber] = candidates.filter((c) => c.id === x).map((c) => c.candidateNumber);
    const imported = await commitImport(teacher, {
      kind: "attendance",
      fileName: "register.csv",
      text: ["Candidate number,Course code,Date,Status,Note", `${xNumber},${course.code},2026-03-02,excused,Letter from home`].join("\n"),
      mapping: { candidateNumber: "Candidate number", courseCode: "Course code", date: "Date", status: "Status", note: "Note" },
    });
    expect(await record(session.id, x)).toMatchObject({ status: "excused", version: 3 });
    const beforeUndo = await getRegister(teacher, session.id);
    await undoImport(teacher, imported.importId);
    expect(await record(session.id, x)).toMatchObject({ status: "late", note: "Bus strike", version: 4 });
    const afterUndo = await saveRegister(teacher, session.id, submit(beforeUndo, { [x]: { status: "absent" } }));
    expect(afterUndo.conflicts).toHaveLength(1);
    expect(await record(session.id, x)).toMatchObject({ status: "late", version: 4 });
  });
});
