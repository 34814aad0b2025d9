import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, marks } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { enrol } from "@/db/queries/candidates";
import { convertLead, createLead, setLeadStatus, updateLead } from "@/db/queries/leads";
import { createInteraction, updateInteraction } from "@/db/queries/interactions";
import { createTask, updateTask } from "@/db/queries/tasks";
import { saveMark } from "@/db/queries/marks";
import { applyAttendanceBulk, createSession, getRegister, saveRegister } from "@/db/queries/attendance";
import { eraseCandidate } from "@/db/queries/privacy";
import { saveMarkAction } from "@/app/(staff)/courses/[id]/gradebook/actions";
import { updateCandidateAction, updateNotesAction } from "@/app/(staff)/candidates/actions";
import { acknowledgeAlertAction } from "@/app/(staff)/alerts/actions";
import { addWorkedExample, makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";
import { databaseChecksum } from "../support/actions";

// After an erasure no path may write new words about the person (finding 12 of issue 11);
// their figures may still be completed. Imports have their own tests (imports.test.ts).

const E = { name: "Ottoline Featherstonehaugh", email: "ottoline.f@mail.test", phone: "+91 98444 55667" };

type User = Awaited<ReturnType<typeof makeUser>>;
let admin: User;
let counsellor: User;
let teacher: User;
let eId: number;
let dupLeadId: number;
let courseId: number;
let assessments: Awaited<ReturnType<typeof addWorkedExample>>;
let sessionId: number;
let onCandidate: number;
let onDuplicate: number;
let taskId: number;
let alertId: number;

/** Runs `refused`, expects it to fail with a message about the erasure, and the database to be exactly as it was. */
async function refusedUnchanged(refused: () => Promise<unknown>) {
  const before = await databaseChecksum();
  const outcome = await refused().then(
    (r) => r,
    (e: unknown) => ({ ok: false, message: e instanceof Error ? e.message : String(e) }),
  );
  expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/erased/) });
  expect(await databaseChecksum()).toEqual(before);
  return outcome as { ok: false; message: string; fieldErrors?: Record<string, string[]> };
}

beforeAll(async () => {
  admin = await makeUser("admin");
  counsellor = await makeUser("counsellor");
  teacher = await makeUser("faculty", { fullName: "Theo Teacher" });
  const course = await makeCourse({ candidates: 1, teacher });
  courseId = course.course.id;
  assessments = await addWorkedExample(courseId);

  const lead = await createLead(counsellor, {
    studentName: E.name,
    email: E.email,
    phone: E.phone,
    programOfInterest: "AI",
    source: "Walk-in",
    status: "New",
    ownerId: counsellor.id,
  });
  // The same person's second enquiry, never linked: marked Converted, so it could be turned into a candidate.
  const dup = await createLead(counsellor, {
    studentName: E.name,
    email: "o.featherstonehaugh@mail.test",
    phone: E.phone,
    programOfInterest: "AI",
    source: "Fair",
    status: "Converted",
    ownerId: counsellor.id,
  });
  dupLeadId = dup.id;
  onDuplicate = (await createInteraction(counsellor, { leadId: dup.id }, { kind: "call", body: "Asked about fees" })).id;
  await setLeadStatus(counsellor, lead.id, "Converted");
  const e = await convertLead(admin, lead.id, { programId: course.program.id, advisorId: teacher.id, guardians: [] });
  eId = e.id;
  await enrol(SYSTEM, [eId], courseId);
  await saveMark(teacher, {
    assessmentId: assessments.quiz.id,
    candidateId: eId,
    score: 4,
    status: "graded",
    feedback: "Ottoline needs help with fractions",
    expectedVersion: null,
  });
  await saveMark(teacher, { assessmentId: assessments.midterm.id, candidateId: eId, score: 10, status: "graded", expectedVersion: null });
  onCandidate = (await createInteraction(counsellor, { candidateId: eId }, { kind: "note", body: "Spoke about the fee waiver" })).id;
  taskId = (
    await createTask(counsellor, { title: `Call ${E.name}`, description: "About the fee waiver", status: "open", candidateId: eId, ownerId: counsellor.id })
  ).id;
  sessionId = (await createSession(teacher, courseId, { heldOn: "2026-02-09", topic: "Fractions" })).id;
  await saveRegister(teacher, sessionId, [{ candidateId: eId, status: "present", expectedVersion: null }]);
  const [alert] = await db.select().from(alerts).where(eq(alerts.candidateId, eId));
  alertId = alert.id;

  await eraseCandidate(admin, eId, { confirm: e.candidateNumber, reason: "Erasure request" });
});

describe("an erased candidate takes no new words", () => {
  it("gradebook: feedback and a reason are refused with the field named; a score without text is saved", async () => {
    signInAs(teacher);
    const [quiz] = await db
      .select()
      .from(marks)
      .where(and(eq(marks.candidateId, eId), eq(marks.assessmentId, assessments.quiz.id)));
    const feedback = await refusedUnchanged(() =>
      saveMarkAction(null, {
        assessmentId: assessments.quiz.id,
        candidateId: eId,
        score: "6",
        status: "graded",
        feedback: "Ottoline improved a lot",
        expectedVersion: String(quiz.version),
      }),
    );
    expect(feedback.message).toMatch(/feedback can no longer be written about them/);
    expect(feedback.fieldErrors?.feedback?.[0]).toMatch(/erased/);
    await refusedUnchanged(() =>
      saveMarkAction(null, {
        assessmentId: assessments.quiz.id,
        candidateId: eId,
        score: "6",
        status: "graded",
        expectedVersion: String(quiz.version),
        reason: "Re-marked after her appeal",
      }),
    );
    // The figures can still be completed.
    const score = await saveMarkAction(null, { assessmentId: assessments.project.id, candidateId: eId, score: "55", status: "graded", expectedVersion: "" });
    expect(score).toMatchObject({ ok: true, data: { mark: { score: 55, feedback: null } } });
    const fix = await saveMarkAction(null, {
      assessmentId: assessments.quiz.id,
      candidateId: eId,
      score: "6",
      status: "graded",
      expectedVersion: String(quiz.version),
    });
    expect(fix).toMatchObject({ ok: true, data: { mark: { score: 6, feedback: null } } });
  });

  it("register: a note is refused, the status is saved; the bulk path refuses a note too", async () => {
    const loaded = await getRegister(teacher, sessionId);
    const row = loaded.rows.find((r) => r.candidateId === eId)!;
    await refusedUnchanged(() =>
      saveRegister(teacher, sessionId, [{ candidateId: eId, status: "absent", note: "Ottoline was unwell", expectedVersion: row.version, edited: true }]),
    );
    await refusedUnchanged(() =>
      db.transaction((tx) => applyAttendanceBulk(tx, teacher, [{ sessionId, candidateId: eId, status: "absent", note: "Unwell at home" }])),
    );
    const saved = await saveRegister(teacher, sessionId, [{ candidateId: eId, status: "absent", note: null, expectedVersion: row.version, edited: true }]);
    expect(saved).toMatchObject({ changed: 1, conflicts: [] });
  });

  it("interactions: new or edited words on the candidate or on any enquiry of theirs are refused", async () => {
    await refusedUnchanged(() => createInteraction(counsellor, { leadId: dupLeadId }, { kind: "note", body: "She called again" }));
    await refusedUnchanged(() => updateInteraction(counsellor, onDuplicate, { kind: "call", body: "Asked about fees and the hostel" }));
    await refusedUnchanged(() => updateInteraction(counsellor, onCandidate, { kind: "note", body: "Spoke about the fee waiver again" }));
    await refusedUnchanged(() => createInteraction(counsellor, { candidateId: eId }, { kind: "note", body: "New words" }));
  });

  it("tasks: the task about them keeps its words and its link; its due date and status may change", async () => {
    await refusedUnchanged(() =>
      updateTask(counsellor, taskId, { title: `Call ${E.name}`, description: "About the fee waiver", status: "open", candidateId: null }),
    );
    await refusedUnchanged(() =>
      updateTask(counsellor, taskId, { title: `Task about erased candidate #${eId}`, description: "Ottoline's fees", status: "open", candidateId: eId }),
    );
    await refusedUnchanged(() => createTask(counsellor, { title: "Follow up", description: "Her second enquiry", status: "open", leadId: dupLeadId }));
    const due = new Date(Date.now() + 86_400_000);
    const moved = await updateTask(counsellor, taskId, {
      title: `Task about erased candidate #${eId}`,
      description: null,
      status: "done",
      dueAt: due,
      candidateId: eId,
    });
    expect(moved).toMatchObject({ status: "done", candidateId: eId, description: null });
  });

  it("leads: the other enquiry of theirs can neither be edited nor turned into a new record", async () => {
    await refusedUnchanged(() =>
      updateLead(counsellor, dupLeadId, { studentName: E.name, email: E.email, phone: E.phone, programOfInterest: "AI", source: "Fair", status: "Converted" }),
    );
    await refusedUnchanged(() =>
      convertLead(admin, dupLeadId, { guardians: [{ fullName: "Her mother", email: "mother@home.test", preferredContact: "email", receivesReports: true }] }),
    );
  });

  it("alerts: an acknowledgement note is refused; acknowledging without one works", async () => {
    signInAs(admin);
    await refusedUnchanged(() => acknowledgeAlertAction(null, { id: alertId, note: "Spoke with Ottoline's mother" }));
    expect(await acknowledgeAlertAction(null, { id: alertId, note: "" })).toMatchObject({ ok: true });
  });

  it("notes and guardians stay closed", async () => {
    signInAs(admin);
    await refusedUnchanged(() => updateNotesAction(null, { id: eId, notes: "Ottoline moved house" }));
    await refusedUnchanged(() =>
      updateCandidateAction(null, {
        id: eId,
        fullName: `Erased candidate #${eId}`,
        status: "active",
        consentToEmail: false,
        guardians: [{ fullName: "Her mother", email: "mother@home.test", preferredContact: "email", receivesReports: true }],
      } as Parameters<typeof updateCandidateAction>[1]),
    );
  });
});
