import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { client, db } from "@/db/client";
import {
  accessLinks,
  alerts,
  attendance,
  auditEvents,
  candidates,
  courseResults,
  emailMessages,
  guardians,
  interactions,
  leads,
  marks,
  tasks,
} from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { createCandidate, enrol, updateCandidate } from "@/db/queries/candidates";
import { convertLead, createLead, setLeadStatus, updateLead } from "@/db/queries/leads";
import { createInteraction } from "@/db/queries/interactions";
import { createTask } from "@/db/queries/tasks";
import { saveMark } from "@/db/queries/marks";
import { createSession, saveRegister } from "@/db/queries/attendance";
import { acknowledgeAlert } from "@/db/queries/alerts";
import { continueReportRun, startReportRun } from "@/db/queries/reports";
import { resolveAccessLink } from "@/db/queries/access-links";
import { taskDigest } from "@/db/queries/jobs";
import { resultsByProgram } from "@/db/queries/dashboard";
import { courseRoster } from "@/db/queries/results";
import { listAlerts } from "@/db/queries/alerts";
import { eraseCandidate, exportCandidateData } from "@/db/queries/privacy";
import { eraseCandidateAction, setStatusAction, updateCandidateAction, updateNotesAction } from "@/app/(staff)/candidates/actions";
import { GET as exportRoute } from "@/app/api/candidates/[id]/export/route";
import { mailDropPath } from "@/lib/email/mail-drop";
import { addWorkedExample, makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";
import { tableChecksum } from "../support/actions";

// Someone whose data is everywhere (A), and someone in the same course who must not be touched (B).
const A = {
  name: "Zenobia Quartermaine",
  email: "zenobia.q@mail.test",
  phone: "+91 98111 22334",
  guardian: "Octavia Quartermaine",
  guardianEmail: "octavia.q@home.test",
  guardianPhone: "+91 98222 33445",
  leadEmail: "zq.enquiry@mail.test",
  leadPhone: "+91 98333 44556",
};
const B = { name: "Bartholomew Ignatius", email: "bart.ig@mail.test", guardian: "Winifred Ignatius", guardianEmail: "winnie.ig@home.test" };
// Free text about A that holds no identifier of its own: it must go too.
const A_TEXTS = [
  "struggled with fractions",
  "appeal upheld",
  "at hospital",
  "hostel rooms",
  "evening calls",
  "fee instalments",
  "guardian meeting notes",
  "scholarship form",
];

type Admin = Awaited<ReturnType<typeof makeUser>>;
let admin: Admin;
let counsellor: Admin;
let teacher: Admin;
let course: Awaited<ReturnType<typeof makeCourse>>;
let aId: number;
let aNumber: string;
let bId: number;
let bNumber: string;
let leadId: number;
let token: string;

const tokenOf = (html: string) => /\/r\/([A-Za-z0-9_-]+)/.exec(html)?.[1];

/** A hash of every row of every table, so "nothing changed" means nothing at all. */
async function contentHash(): Promise<string> {
  const h = createHash("sha256");
  const tables = await client.execute(
    "select name from sqlite_master where type='table' and name not like 'sqlite_%' and name not in ('rate_limits', '__drizzle_migrations') order by name",
  );
  for (const t of tables.rows) {
    const rows = await client.execute(`select * from "${String(t.name)}" order by rowid`);
    h.update(`${String(t.name)}\n`);
    for (const r of rows.rows) h.update(JSON.stringify(rows.columns.map((_, i) => r[i])) + "\n");
  }
  return h.digest("hex");
}

/** Every text value in the database that contains one of the needles: "table.column: value". */
async function findInDatabase(needles: string[]): Promise<string[]> {
  const found: string[] = [];
  const tables = await client.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%'");
  for (const t of tables.rows) {
    const name = String(t.name);
    const rows = await client.execute(`select * from "${name}"`);
    for (const r of rows.rows) {
      rows.columns.forEach((col, i) => {
        const v = r[i];
        if (typeof v !== "string") return;
        for (const n of needles) if (v.toLowerCase().includes(n.toLowerCase())) found.push(`${name}.${col} ∋ ${n}`);
      });
    }
  }
  return found;
}

async function figures() {
  return {
    results: await db.select().from(courseResults).orderBy(asc(courseResults.candidateId), asc(courseResults.courseId)),
    byProgram: await resultsByProgram(admin),
    marks: await db
      .select({ id: marks.id, score: marks.score, status: marks.status, candidateId: marks.candidateId, assessmentId: marks.assessmentId })
      .from(marks)
      .orderBy(asc(marks.id)),
    attendance: await db
      .select({ id: attendance.id, status: attendance.status, candidateId: attendance.candidateId })
      .from(attendance)
      .orderBy(asc(attendance.id)),
    alerts: await db.select({ id: alerts.id, rule: alerts.rule, figures: alerts.figures, resolvedAt: alerts.resolvedAt }).from(alerts).orderBy(asc(alerts.id)),
    average: (await client.execute({ sql: "select avg(shown) as a, count(*) as n from course_results where course_id = ?", args: [course.course.id] })).rows[0],
  };
}

const exportRequest = (id: number | string) =>
  exportRoute(new Request(`http://localhost:3000/api/candidates/${id}/export`), { params: Promise.resolve({ id: String(id) }) });

beforeAll(async () => {
  admin = await makeUser("admin", { fullName: "Ada Admin" });
  counsellor = await makeUser("counsellor", { fullName: "Cora Counsellor" });
  teacher = await makeUser("faculty", { fullName: "Theo Teacher" });
  course = await makeCourse({ candidates: 1, teacher });
  const { quiz, midterm } = await addWorkedExample(course.course.id);

  // A came in as an enquiry, with notes and a timeline, and was converted.
  const lead = await createLead(counsellor, {
    studentName: A.name,
    email: A.leadEmail,
    phone: A.leadPhone,
    programOfInterest: "AI",
    source: "Walk-in",
    status: "New",
    ownerId: counsellor.id,
    notes: "Prefers evening calls",
    nextStep: "Discuss fee instalments",
  });
  leadId = lead.id;
  await createInteraction(counsellor, { leadId }, { kind: "note", body: "Asked about hostel rooms" });
  await setLeadStatus(counsellor, leadId, "Converted");
  const a = await convertLead(admin, leadId, {
    email: A.email,
    phone: A.phone,
    dateOfBirth: "2008-03-14",
    programId: course.program.id,
    advisorId: teacher.id,
    consentToEmail: true,
    notes: "Keeps guardian meeting notes here",
    guardians: [
      { fullName: A.guardian, relationship: "Mother", email: A.guardianEmail, phone: A.guardianPhone, preferredContact: "email", receivesReports: true },
    ],
  });
  aId = a.id;
  aNumber = a.candidateNumber;
  const b = await createCandidate(SYSTEM, {
    fullName: B.name,
    email: B.email,
    status: "active",
    consentToEmail: true,
    programId: course.program.id,
    notes: "Bartholomew's own note",
    guardians: [{ fullName: B.guardian, email: B.guardianEmail, preferredContact: "email", receivesReports: true }],
  });
  bId = b.id;
  bNumber = b.candidateNumber;
  // An edit, so the trail holds before/after copies with the guardians in them.
  const [g] = await db.select().from(guardians).where(eq(guardians.candidateId, aId));
  await updateCandidate(admin, aId, {
    fullName: A.name,
    email: A.email,
    phone: A.phone,
    dateOfBirth: "2008-03-14",
    programId: course.program.id,
    advisorId: teacher.id,
    status: "active",
    consentToEmail: true,
    notes: "Keeps guardian meeting notes here (updated)",
    guardians: [
      {
        id: g.id,
        fullName: A.guardian,
        relationship: "Mother",
        email: A.guardianEmail,
        phone: A.guardianPhone,
        preferredContact: "email",
        receivesReports: true,
      },
    ],
  });
  await enrol(SYSTEM, [aId, bId], course.course.id);

  // Marks with feedback and a changed mark with a reason; A fails, so alerts and alert tasks appear.
  await saveMark(teacher, {
    assessmentId: quiz.id,
    candidateId: aId,
    score: 15,
    status: "graded",
    feedback: "Zenobia struggled with fractions",
    expectedVersion: null,
  });
  await saveMark(teacher, {
    assessmentId: quiz.id,
    candidateId: aId,
    score: 16,
    status: "graded",
    feedback: "Better after the appeal",
    expectedVersion: 1,
    reason: "Re-marked: appeal upheld",
  });
  await saveMark(teacher, { assessmentId: midterm.id, candidateId: aId, score: 12, status: "graded", expectedVersion: null });
  await saveMark(teacher, { assessmentId: quiz.id, candidateId: bId, score: 18, status: "graded", feedback: "Bartholomew did well", expectedVersion: null });
  await saveMark(teacher, { assessmentId: midterm.id, candidateId: bId, score: 40, status: "graded", expectedVersion: null });
  const filler = course.candidates[0];
  await saveMark(teacher, { assessmentId: quiz.id, candidateId: filler.id, score: 10, status: "graded", expectedVersion: null });

  const session = await createSession(teacher, course.course.id, { heldOn: "2026-02-02", topic: "Introduction" });
  await saveRegister(teacher, session.id, [
    { candidateId: aId, status: "absent", note: "Zenobia at hospital", expectedVersion: null },
    { candidateId: bId, status: "present", note: "Bartholomew on time", expectedVersion: null },
    { candidateId: filler.id, status: "present", expectedVersion: null },
  ]);
  const [alert] = await db.select().from(alerts).where(eq(alerts.candidateId, aId));
  await acknowledgeAlert(admin, alert.id, `Spoke with ${A.guardian} at the guardian meeting`);

  await createInteraction(counsellor, { candidateId: aId }, { kind: "call", body: `Called ${A.name} about the scholarship form` });
  await createInteraction(counsellor, { candidateId: bId }, { kind: "call", body: "Called Bartholomew about sports" });
  await createTask(counsellor, {
    title: `Send ${A.name} the enrolment pack`,
    description: `Email it to ${A.email}`,
    dueAt: new Date(Date.now() + 3_600_000),
    status: "open",
    candidateId: aId,
    ownerId: counsellor.id,
  });

  // Reports by email (to A, who consented, and to the guardian), with result links.
  for (const id of [aId, bId]) {
    const run = await startReportRun(admin, { kind: "candidate", candidateId: id });
    await continueReportRun(admin, run.id);
  }
  const [mail] = await db.select().from(emailMessages).where(eq(emailMessages.candidateId, aId));
  // The log keeps only a placeholder; the working link is in the delivered copy (the outbox's mail drop).
  token = tokenOf(readFileSync(mailDropPath(mail.id), "utf8"))!;
  expect(await resolveAccessLink(token)).not.toBeNull();
  // A staff digest that names A in a task title: a message about no one in particular.
  await taskDigest();
  const digests = await db.select().from(emailMessages).where(eq(emailMessages.template, "task-digest"));
  expect(digests.some((d) => d.html.includes(A.name))).toBe(true);
});

describe("subject access export", () => {
  it("gives an admin every kind of the candidate's data as a JSON attachment, and audits it", async () => {
    signInAs(admin);
    const res = await exportRequest(aId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="candidate-${aNumber}.json"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.text();
    const data = JSON.parse(body);
    expect(data.candidate).toMatchObject({ id: aId, fullName: A.name, email: A.email, phone: A.phone, dateOfBirth: "2008-03-14", candidateNumber: aNumber });
    expect(data.candidate.program.code).toBe(course.program.code);
    expect(data.guardians).toEqual([expect.objectContaining({ fullName: A.guardian, email: A.guardianEmail, phone: A.guardianPhone })]);
    expect(data.lead).toMatchObject({ id: leadId, studentName: A.name, email: A.leadEmail, notes: "Prefers evening calls" });
    expect(data.enrolments).toEqual([expect.objectContaining({ courseId: course.course.id, courseCode: course.course.code })]);
    const quizMark = data.marks.find((m: { assessment: { name: string } }) => m.assessment.name === "Quiz");
    expect(quizMark).toMatchObject({ score: 16, feedback: "Better after the appeal" });
    expect(quizMark.history.map((h: { newScore: number; reason: string | null }) => [h.newScore, h.reason])).toEqual([
      [15, null],
      [16, "Re-marked: appeal upheld"],
    ]);
    expect(data.attendance).toEqual([
      expect.objectContaining({ status: "absent", note: "Zenobia at hospital", session: expect.objectContaining({ heldOn: "2026-02-02" }) }),
    ]);
    expect(data.courseResults).toEqual([expect.objectContaining({ courseId: course.course.id, candidateId: aId })]);
    expect(data.alerts.length).toBeGreaterThan(0);
    expect(data.alerts.some((a: { acknowledgeNote: string | null }) => a.acknowledgeNote?.includes(A.guardian))).toBe(true);
    expect(data.interactions.map((i: { body: string }) => i.body).sort()).toEqual(["Asked about hostel rooms", `Called ${A.name} about the scholarship form`]);
    expect(data.tasks.some((t: { title: string }) => t.title === `Send ${A.name} the enrolment pack`)).toBe(true);
    expect(data.emails.map((e: { to: string }) => e.to).sort()).toEqual([A.guardianEmail, A.email].sort());
    expect(data.resultLinks).toHaveLength(2);
    expect(body).not.toContain("tokenHash");
    const actions = data.auditEvents.map((e: { entity: string; action: string }) => `${e.entity}:${e.action}`);
    for (const a of [
      "candidate:create",
      "candidate:update",
      "lead:create",
      "lead:convert",
      "interaction:create",
      "task:create",
      "mark:create",
      "mark:update",
      "alert:acknowledge",
    ])
      expect(actions).toContain(a);
    expect(data.staff.map((s: { fullName: string }) => s.fullName)).toEqual(expect.arrayContaining(["Theo Teacher", "Cora Counsellor", "Ada Admin"]));

    // Nothing about anyone else.
    for (const other of [B.name, B.email, B.guardian, B.guardianEmail, bNumber, "Bartholomew", course.candidates[0].fullName])
      expect(body).not.toContain(other);
    expect(body).not.toMatch(new RegExp(`"candidateId": ${bId}[,\\n]`));

    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, "candidate.exported"));
    expect(audit).toMatchObject({ entity: "candidate", entityId: String(aId), actorId: admin.id });
    expect(JSON.stringify(audit.after)).not.toContain(A.name);
  });

  it("is refused to everyone but admins, and answers 404 for an unknown candidate", async () => {
    signInAs(null);
    expect((await exportRequest(aId)).status).toBe(401);
    for (const u of [teacher, counsellor]) {
      signInAs(u);
      const res = await exportRequest(aId);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(A.name);
    }
    signInAs(admin);
    expect((await exportRequest(999_999)).status).toBe(404);
    expect((await exportRequest("abc")).status).toBe(400);
    await expect(exportCandidateData(counsellor, aId)).rejects.toThrow(/permission/);
  });
});

describe("erasure", () => {
  it("changes nothing on a wrong confirmation, a missing reason or a caller who is not an admin", async () => {
    const counts = await tableChecksum();
    const hash = await contentHash();
    signInAs(admin);
    const wrong = await eraseCandidateAction(null, { id: aId, confirm: "MB-0000-0000", reason: "Erasure request 2026/17" });
    expect(wrong).toMatchObject({ ok: false, code: "invalid" });
    expect(!wrong.ok && wrong.fieldErrors?.confirm?.[0]).toContain(aNumber);

    const fd = new FormData();
    fd.set("id", String(aId));
    fd.set("confirm", aNumber);
    fd.set("reason", "   ");
    const noReason = await eraseCandidateAction(null, fd);
    expect(noReason).toMatchObject({ ok: false, code: "invalid", fieldErrors: { reason: [expect.stringMatching(/why/)] } });
    // What was typed is kept for the form.
    expect(!noReason.ok && noReason.values?.confirm).toBe(aNumber);

    for (const u of [teacher, counsellor]) {
      signInAs(u);
      expect(await eraseCandidateAction(null, { id: aId, confirm: aNumber, reason: "Erasure request 2026/17" })).toMatchObject({
        ok: false,
        code: "forbidden",
      });
    }
    await expect(eraseCandidate(counsellor, aId, { confirm: aNumber, reason: "x" })).rejects.toThrow(/permission/);
    signInAs(admin);
    expect(await eraseCandidateAction(null, { id: 999_999, confirm: aNumber, reason: "Erasure request" })).toMatchObject({ ok: false, code: "not_found" });

    expect(await tableChecksum()).toEqual(counts);
    expect(await contentHash()).toBe(hash);
  });

  it("removes the personal data everywhere, keeps every figure, and records why", async () => {
    const before = await figures();
    const bBefore = await findInDatabase([B.name, B.email, B.guardian, B.guardianEmail, "Bartholomew did well", "Bartholomew on time"]);
    signInAs(admin);
    // Typed confirmation is forgiving about case and spaces.
    const r = await eraseCandidateAction(null, { id: aId, confirm: `  ${aNumber.toLowerCase()} `, reason: "Erasure request 2026/17 by email" });
    expect(r).toMatchObject({ ok: true, data: { id: aId } });

    const leftovers = await findInDatabase([
      A.name,
      "Zenobia",
      "Quartermaine",
      A.email,
      A.phone,
      A.guardian,
      A.guardianEmail,
      A.guardianPhone,
      A.leadEmail,
      A.leadPhone,
      aNumber,
      "2008-03-14",
      ...A_TEXTS,
    ]);
    expect(leftovers).toEqual([]);

    // The figures, to the last row.
    expect(await figures()).toEqual(before);

    const [c] = await db.select().from(candidates).where(eq(candidates.id, aId));
    expect(c).toMatchObject({
      fullName: `Erased candidate #${aId}`,
      candidateNumber: `ERASED-${aId}`,
      email: null,
      phone: null,
      dateOfBirth: null,
      notes: null,
      consentToEmail: false,
    });
    expect(c.erasedAt).toBeInstanceOf(Date);
    expect(await db.select().from(guardians).where(eq(guardians.candidateId, aId))).toEqual([]);
    const [lead] = await db.select().from(leads).where(eq(leads.id, leadId));
    expect(lead).toMatchObject({ studentName: `Erased candidate #${aId}`, email: "", phone: "", notes: null, nextStep: null, status: "Converted" });
    const links = await db.select().from(accessLinks).where(eq(accessLinks.candidateId, aId));
    expect(links.length).toBe(2);
    expect(links.every((l) => l.revokedAt && l.recipient === null)).toBe(true);
    expect(await resolveAccessLink(token)).toBeNull();
    const mail = await db.select().from(emailMessages).where(eq(emailMessages.candidateId, aId));
    expect(mail.every((m) => m.to === "[erased]" && m.html === "" && m.status === "sent")).toBe(true);
    expect((await db.select().from(interactions).where(eq(interactions.candidateId, aId))).map((i) => i.body)).toEqual(["[erased]"]);
    expect(
      (await db.select().from(tasks).where(eq(tasks.candidateId, aId))).every(
        (t) => t.title === `Task about erased candidate #${aId}` && t.description === null,
      ),
    ).toBe(true);
    // A staff member's digest is theirs: it keeps the task, with the name replaced.
    const [digest] = await db.select().from(emailMessages).where(eq(emailMessages.template, "task-digest"));
    expect(digest.html).toContain(`Send Erased candidate #${aId} the enrolment pack`);

    // B, in the same course, keeps everything.
    expect(await findInDatabase([B.name, B.email, B.guardian, B.guardianEmail, "Bartholomew did well", "Bartholomew on time"])).toEqual(bBefore);

    // Lists and rosters show the anonymised name.
    expect((await courseRoster(admin, course.course.id)).map((r) => r.fullName)).toContain(`Erased candidate #${aId}`);
    const alertList = await listAlerts(admin, { page: 1, size: 50, dir: "asc", sort: "raised", q: "" }, { state: "all", candidateId: aId });
    expect(alertList.rows.length).toBeGreaterThan(0);
    expect(alertList.rows.every((a) => a.candidateName === `Erased candidate #${aId}`)).toBe(true);

    // The trail says who erased, when and why, without storing what was erased.
    const [erased] = await db.select().from(auditEvents).where(eq(auditEvents.action, "candidate.erased"));
    expect(erased).toMatchObject({ entity: "candidate", entityId: String(aId), actorId: admin.id, actorName: "Ada Admin" });
    expect(erased.after).toMatchObject({ reason: "Erasure request 2026/17 by email", candidateNumber: `ERASED-${aId}` });
    expect(erased.before).toMatchObject({ fields: expect.arrayContaining(["candidates.full_name", "candidates.email", "guardians (deleted)"]) });
    // The earlier copies are still there, scrubbed.
    const trail = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, String(aId)));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["create", "update", "candidate.exported", "candidate.erased"]));
    const update = trail.find((e) => e.entity === "candidate" && e.action === "update")!;
    expect(update.before).toMatchObject({
      fullName: `Erased candidate #${aId}`,
      email: null,
      guardians: [expect.objectContaining({ fullName: "[erased]", email: null })],
    });
  });

  it("refuses a second erasure, edits, new timeline entries and emails, with a clear message", async () => {
    const counts = await tableChecksum();
    const hash = await contentHash();
    signInAs(admin);
    const again = await eraseCandidateAction(null, { id: aId, confirm: `ERASED-${aId}`, reason: "Again" });
    expect(again).toMatchObject({ ok: false, message: expect.stringMatching(/already erased on \d\d-\d\d-\d{4}/) });
    const form = new FormData();
    for (const [k, v] of Object.entries({ id: String(aId), fullName: "Someone New", status: "active" })) form.set(k, v);
    const edit = await updateCandidateAction(null, form);
    expect(edit).toMatchObject({ ok: false, message: expect.stringMatching(/erased on .* can no longer be changed/) });
    expect(await updateNotesAction(null, { id: aId, notes: "New notes" })).toMatchObject({ ok: false, message: expect.stringMatching(/erased/) });
    expect(await setStatusAction(null, { id: aId, status: "withdrawn" })).toMatchObject({ ok: false, message: expect.stringMatching(/erased/) });
    await expect(createInteraction(counsellor, { candidateId: aId }, { kind: "note", body: "New words" })).rejects.toThrow(/erased/);
    await expect(createInteraction(counsellor, { leadId }, { kind: "note", body: "New words" })).rejects.toThrow(/erased/);
    await expect(createTask(counsellor, { title: "New task", status: "open", candidateId: aId })).rejects.toThrow(/erased/);
    await expect(
      updateLead(counsellor, leadId, {
        studentName: "Back again",
        email: "x@y.test",
        phone: "+91 90000 00000",
        programOfInterest: "AI",
        source: "Walk-in",
        status: "Converted",
      }),
    ).rejects.toThrow(/erased/);
    await expect(startReportRun(admin, { kind: "candidate", candidateId: aId })).rejects.toThrow(/erased/);
    expect(await tableChecksum()).toEqual(counts);
    expect(await contentHash()).toBe(hash);

    // The export still works and holds only what is left.
    const res = await exportRequest(aId);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="candidate-ERASED-${aId}.json"`);
    const body = await res.text();
    for (const v of [A.name, A.email, A.guardian, aNumber]) expect(body).not.toContain(v);
    expect(JSON.parse(body).marks).toHaveLength(2);
  });
});
