// Issue 11, findings 5–7: results and alerts reach only those who may read the course's
// marks, in the query; a guardian removed (or no longer receiving reports) loses their link.
// One candidate, X, is enrolled in course A (taught by `teacherA`) and course B (taught by
// `teacherB`), and advised by a third faculty member; X passes A and fails B.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accessLinks, alerts, auditEvents, guardians, tasks } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { createCandidate, enrol, exportCandidates, listCandidates, updateCandidate, type CandidateInput } from "@/db/queries/candidates";
import { acknowledgeAlert, listAlerts, openAlertsFor } from "@/db/queries/alerts";
import { candidateResults, courseRoster } from "@/db/queries/results";
import { atRiskCount, counsellorDashboard, facultyDashboard } from "@/db/queries/dashboard";
import { resolveAccessLink } from "@/db/queries/access-links";
import { commitImport, undoImport } from "@/db/queries/imports";
import { saveMark } from "@/db/queries/marks";
import { hashToken, newToken } from "@/lib/auth/tokens";
import type { ListParams } from "@/lib/list";
import { acknowledgeAlertAction } from "@/app/(staff)/alerts/actions";
import { addWorkedExample, makeCourse } from "../support/academy";
import { databaseChecksum } from "../support/actions";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

const list = (p: Partial<ListParams> = {}): ListParams => ({ dir: "asc", page: 1, size: 100, ...p });

let admin: Actor;
let counsellor: Actor;
let teacherA: Actor & { sessionVersion: number };
let advisor: Actor & { sessionVersion: number };
let A: Awaited<ReturnType<typeof makeCourse>>;
let B: Awaited<ReturnType<typeof makeCourse>>;
let x: { id: number; candidateNumber: string };
let y: { id: number };
let alertB: number;
let alertA: number;

beforeAll(async () => {
  admin = await makeUser("admin");
  counsellor = await makeUser("counsellor");
  teacherA = await makeUser("faculty");
  advisor = await makeUser("faculty");
  A = await makeCourse({ candidates: 0, teacher: teacherA });
  B = await makeCourse({ candidates: 0 });
  x = await createCandidate(SYSTEM, {
    fullName: "Xavier Both",
    status: "active",
    consentToEmail: false,
    programId: A.program.id,
    advisorId: advisor.id,
    guardians: [],
  });
  y = await createCandidate(SYSTEM, {
    fullName: "Yasmin Only",
    status: "active",
    consentToEmail: false,
    programId: A.program.id,
    advisorId: advisor.id,
    guardians: [],
  });
  await enrol(SYSTEM, [x.id, y.id], A.course.id);
  await enrol(SYSTEM, [x.id], B.course.id);
  const a = await addWorkedExample(A.course.id);
  const b = await addWorkedExample(B.course.id);
  // X: A = (10·0.75 + 30·0.72) / 40 = 72.75 → 72.8; B = 3/20 = 15.0, failing. Y: A = 4/20 = 20.0, failing.
  await saveMark(teacherA, { assessmentId: a.quiz.id, candidateId: x.id, score: 15, status: "graded", expectedVersion: null });
  await saveMark(teacherA, { assessmentId: a.midterm.id, candidateId: x.id, score: 36, status: "graded", expectedVersion: null });
  await saveMark(teacherA, { assessmentId: a.quiz.id, candidateId: y.id, score: 4, status: "graded", expectedVersion: null });
  await saveMark(B.teacher, { assessmentId: b.quiz.id, candidateId: x.id, score: 3, status: "graded", expectedVersion: null });
  const open = await db.select({ id: alerts.id, courseId: alerts.courseId, candidateId: alerts.candidateId, message: alerts.message }).from(alerts);
  alertB = open.find((r) => r.candidateId === x.id && r.courseId === B.course.id)!.id;
  alertA = open.find((r) => r.candidateId === y.id && r.courseId === A.course.id)!.id;
  // The messages themselves carry the figures: what must not reach the wrong reader.
  expect(open.find((r) => r.id === alertB)!.message).toContain("15.0%");
  expect(open.find((r) => r.id === alertA)!.message).toContain("20.0%");
});

describe("finding 6 through tasks: the follow-up task an alert opens carries no figures", () => {
  it("the advisor's task for course B (which they don't teach) names the course and the rule, not 15.0 %", async () => {
    const rows = await db.select({ ownerId: tasks.ownerId, title: tasks.title, description: tasks.description }).from(tasks).where(eq(tasks.alertId, alertB));
    const mine = rows.filter((t) => t.ownerId === advisor.id);
    expect(mine.length).toBe(1);
    expect(mine[0].description).toContain(B.course.code);
    expect(`${mine[0].title} ${mine[0].description}`).not.toMatch(/\d+\.\d%|15\.0/);
  });
});

describe("finding 5: without marks.read there are no averages, not even in the order", () => {
  it("a counsellor's candidate list, asked to sort by average, selects no average and sorts by name", async () => {
    const page = await listCandidates(counsellor, list({ sort: "average", dir: "desc" }));
    expect(page.rows.length).toBeGreaterThanOrEqual(2);
    for (const r of page.rows) expect(r).not.toHaveProperty("average");
    expect(page.results).toBe(false);
    expect(page.sort).toBe("name");
    const byName = await listCandidates(counsellor, list({ dir: "desc" }));
    expect(page.rows.map((r) => r.id)).toEqual(byName.rows.map((r) => r.id));
    expect(JSON.stringify(page)).not.toMatch(/72\.8|43\.9/);
  });

  it("their CSV export rows carry no average either", async () => {
    const rows = await exportCandidates(counsellor, list({ sort: "average" }));
    expect(rows.find((r) => r.id === x.id)).toBeDefined();
    for (const r of rows) expect(r).not.toHaveProperty("average");
  });

  it("an admin still gets every course's average, and may sort by it", async () => {
    const page = await listCandidates(admin, list({ sort: "average", dir: "desc" }));
    expect(page.sort).toBe("average");
    expect(page.rows.find((r) => r.id === x.id)?.average).toBe(43.9);
  });

  it("their alerts keep the candidate, course and rule, but not the figures", async () => {
    const page = await listAlerts(counsellor, list({ sort: "raised" }));
    const mine = page.rows.filter((r) => r.candidateId === x.id || r.candidateId === y.id);
    expect(mine.map((r) => r.id).sort()).toEqual([alertA, alertB].sort());
    for (const r of mine) expect(r.message).not.toMatch(/\d+(\.\d)?%/);
    expect(mine.find((r) => r.id === alertB)!.message).toBe(`${B.course.code}: Below pass mark`);
    // Searching for a figure finds nothing: the search sees the same text as the reader.
    expect((await listAlerts(counsellor, list({ q: "15.0%" }))).total).toBe(0);
    const toContact = (await counsellorDashboard(counsellor)).toContact;
    expect(toContact.length).toBeGreaterThan(0);
    for (const r of toContact) expect(r.message).not.toContain("%");
    for (const r of await openAlertsFor(counsellor, x.id)) expect(r.message).not.toContain("%");
  });
});

describe("finding 6: faculty see results and alerts of the courses they teach only", () => {
  it("the list and the CSV show the average of A only", async () => {
    const page = await listCandidates(teacherA, list());
    expect(page.rows.find((r) => r.id === x.id)?.average).toBe(72.8);
    const csv = await exportCandidates(teacherA, list());
    expect(csv.find((r) => r.id === x.id)?.average).toBe(72.8);
  });

  it("B's alert neither counts nor flags X as at risk in A's teacher's list", async () => {
    const page = await listCandidates(teacherA, list());
    expect(page.rows.find((r) => r.id === x.id)?.openAlerts).toBe(0);
    expect(page.rows.find((r) => r.id === y.id)?.openAlerts).toBe(1);
    const atRisk = await listCandidates(teacherA, list(), { atRisk: true });
    expect(atRisk.rows.map((r) => r.id)).toEqual([y.id]);
    expect(await atRiskCount(teacherA)).toBe(1);
  });

  it("the candidate page's results hold course A only", async () => {
    const r = await candidateResults(teacherA, x.id);
    expect(r.courses.map((c) => c.courseId)).toEqual([A.course.id]);
    expect(r.courses[0].result.shown).toBe(72.8);
    expect(r.overall.percent).toBeCloseTo(72.75, 9);
    expect((await candidateResults(admin, x.id)).courses).toHaveLength(2);
    await expect(candidateResults(counsellor, x.id)).rejects.toThrow();
  });

  it("alerts of B are absent from /alerts and the candidate page; A's are there with their figures", async () => {
    const page = await listAlerts(teacherA, list({ sort: "raised" }), { state: "all" });
    expect(page.rows.map((r) => r.id)).toEqual([alertA]);
    expect(page.rows[0].message).toContain("20.0%");
    expect(page.total).toBe(1);
    expect((await listAlerts(teacherA, list(), { courseId: B.course.id, state: "all" })).total).toBe(0);
    expect(await openAlertsFor(teacherA, x.id)).toEqual([]);
    expect((await openAlertsFor(teacherA, y.id)).map((a) => a.id)).toEqual([alertA]);
    const dash = await facultyDashboard(teacherA);
    expect(dash.atRiskList.map((a) => a.candidateId)).toEqual([y.id]);
  });

  it("acknowledging B's alert as A's teacher is refused as not found, and nothing changes", async () => {
    signInAs(teacherA);
    const before = await databaseChecksum();
    const r = await acknowledgeAlertAction(null, { id: alertB, note: "seen" });
    signInAs(null);
    expect(r).toMatchObject({ ok: false, code: "not_found" });
    expect(await databaseChecksum()).toEqual(before);
    await expect(acknowledgeAlert(teacherA, alertB, null)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the advisor sees every alert of their advisee, with figures only where they teach", async () => {
    const page = await listAlerts(advisor, list({ sort: "raised" }));
    expect(page.rows.map((r) => r.id).sort()).toEqual([alertA, alertB].sort());
    for (const r of page.rows) expect(r.message).not.toContain("%");
    const onPage = await openAlertsFor(advisor, x.id);
    expect(onPage.map((a) => a.message)).toEqual([`${B.course.code}: Below pass mark`]);
    // Their advisee's average is another teacher's figure: none at all.
    expect((await listCandidates(advisor, list())).rows.find((r) => r.id === x.id)?.average).toBeNull();
    expect((await candidateResults(advisor, x.id)).courses).toEqual([]);
    // They are the one asked to follow up, so they may acknowledge it.
    signInAs(advisor);
    const r = await acknowledgeAlertAction(null, { id: alertB, note: "Talked to Xavier" });
    signInAs(null);
    expect(r).toMatchObject({ ok: true });
  });

  it("a course's roster answers only those who teach it", async () => {
    expect((await courseRoster(teacherA, A.course.id)).map((r) => r.candidateId).sort()).toEqual([x.id, y.id].sort());
    await expect(courseRoster(teacherA, B.course.id)).rejects.toThrow();
    await expect(courseRoster(counsellor, A.course.id)).rejects.toThrow();
    expect((await courseRoster(admin, B.course.id)).map((r) => r.shown)).toEqual([15]);
  });
});

describe("finding 7: a guardian removed, or no longer receiving reports, loses their result link", () => {
  async function linkFor(candidateId: number, guardianId: number | null) {
    const token = newToken();
    await db
      .insert(accessLinks)
      .values({ candidateId, guardianId, recipient: `g${guardianId}@home.test`, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 86_400_000) });
    return token;
  }
  const g = (fullName: string, receivesReports = true) => ({
    fullName,
    email: `${fullName.toLowerCase().replace(/\W/g, "")}@home.test`,
    preferredContact: "email" as const,
    receivesReports,
  });

  it("on the candidate edit form: removed and switched-off guardians' links stop resolving, others' keep working", async () => {
    const input: CandidateInput = { fullName: "Gita Guarded", status: "active", consentToEmail: false, guardians: [g("Keeps"), g("Stops"), g("Leaves")] };
    const c = await createCandidate(SYSTEM, input);
    const [keeps, stops, leaves] = await db.select().from(guardians).where(eq(guardians.candidateId, c.id)).orderBy(guardians.id);
    const tokens = {
      keeps: await linkFor(c.id, keeps.id),
      stops: await linkFor(c.id, stops.id),
      leaves: await linkFor(c.id, leaves.id),
      own: await linkFor(c.id, null),
    };
    expect(await resolveAccessLink(tokens.leaves)).not.toBeNull();

    await updateCandidate(admin, c.id, {
      ...input,
      guardians: [
        { ...g("Keeps"), id: keeps.id },
        { ...g("Stops", false), id: stops.id },
      ],
    });

    expect(await resolveAccessLink(tokens.leaves)).toBeNull();
    expect(await resolveAccessLink(tokens.stops)).toBeNull();
    expect(await resolveAccessLink(tokens.keeps)).toMatchObject({ candidateId: c.id });
    expect(await resolveAccessLink(tokens.own)).toMatchObject({ candidateId: c.id });
    // Audited, with why.
    const revoked = await db
      .select()
      .from(accessLinks)
      .where(and(eq(accessLinks.candidateId, c.id), eq(accessLinks.revokedBy, admin.id)));
    expect(revoked).toHaveLength(2);
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "access_link"), eq(auditEvents.action, "revoke")));
    const reasons = events.filter((e) => revoked.some((l) => String(l.id) === e.entityId)).map((e) => (e.after as { reason: string }).reason);
    expect(reasons.sort()).toEqual(["guardian removed", "reports stopped"]);
    // Saving again changes no link (nothing more to revoke).
    await updateCandidate(admin, c.id, {
      ...input,
      guardians: [
        { ...g("Keeps"), id: keeps.id },
        { ...g("Stops", false), id: stops.id },
      ],
    });
    expect(await resolveAccessLink(tokens.keeps)).not.toBeNull();
  });

  it("undoing an import never leaves a removed guardian with a working link", async () => {
    const c = await createCandidate(SYSTEM, { fullName: "Imran Imported", status: "active", consentToEmail: false, guardians: [g("First Guardian")] });
    const [first] = await db.select().from(guardians).where(eq(guardians.candidateId, c.id));
    const text = `Candidate number,Full name,Guardian name,Guardian email\n${c.candidateNumber},Imran Imported,Second Guardian,second@home.test\n`;
    const r = await commitImport(admin, {
      kind: "candidates",
      fileName: "g.csv",
      text,
      mapping: { candidateNumber: "Candidate number", fullName: "Full name", guardianName: "Guardian name", guardianEmail: "Guardian email" },
    });
    const [second] = await db
      .select()
      .from(guardians)
      .where(and(eq(guardians.candidateId, c.id), eq(guardians.fullName, "Second Guardian")));
    expect(second).toBeDefined();
    const tokens = { first: await linkFor(c.id, first.id), second: await linkFor(c.id, second.id) };
    // A link sent since is later work: the undo is refused (finding 8) rather than orphan it.
    const before = await databaseChecksum();
    await expect(undoImport(admin, r.importId)).rejects.toThrow(/result link/);
    expect(await databaseChecksum()).toEqual(before);
    // Either way, no guardian is gone while their link still opens the page.
    const live = await db
      .select({ guardianId: accessLinks.guardianId })
      .from(accessLinks)
      .where(and(eq(accessLinks.candidateId, c.id), sql`${accessLinks.revokedAt} is null`));
    for (const l of live) expect(l.guardianId).not.toBeNull();
    expect(await resolveAccessLink(tokens.second)).toMatchObject({ candidateId: c.id });
    expect(await resolveAccessLink(tokens.first)).toMatchObject({ candidateId: c.id });
  });
});
