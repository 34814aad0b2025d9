import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, condonations, courseResults, courseTeachers } from "@/db/schema";
import { SYSTEM, type Actor } from "@/lib/actor";
import { createCourse } from "@/db/queries/courses";
import { enrol } from "@/db/queries/candidates";
import { getThresholds, saveThresholds } from "@/db/queries/thresholds";
import { candidateEligibility, detainedInCourse, exportDetentions, listDetentions } from "@/db/queries/eligibility";
import { eligibilityForCandidateTerm } from "@/db/queries/internal/eligibility";
import { decideCondonationAction, requestCondonationAction } from "@/app/(staff)/attendance/condonations/actions";
import { GET as exportRoute } from "@/app/api/attendance/detention/export/route";
import { absent, makeCourse, takeAttendance } from "../support/academy";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

const LIST = { dir: "asc" as const, page: 1, size: 25 };

/** A course where Asha is at 70 % (condonable), Bala at 60 % (below the band) and Chitra at 100 %. */
async function setUp() {
  const made = await makeCourse({ candidates: 3 });
  const [asha, bala, chitra] = made.candidates.map((c) => c.id);
  await takeAttendance(made.course.id, made.teacher, { [asha]: absent(3), [bala]: absent(4), [chitra]: absent(0) });
  const admin = await makeUser("admin");
  const counsellor = await makeUser("counsellor");
  return { ...made, asha, bala, chitra, admin, counsellor };
}

async function call<T>(as: Actor & { sessionVersion?: number }, fn: () => Promise<T>): Promise<T> {
  signInAs(as);
  try {
    return await fn();
  } finally {
    signInAs(null);
  }
}

describe("the detention list and condonation requests", () => {
  it("lists who may not sit and why; a request approved by an admin takes the row off, recorded in the audit trail", async () => {
    const s = await setUp();
    const list = await listDetentions(s.admin, LIST, { termId: s.term.id });
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => [r.candidateId, r.shown, r.detention, r.reason])).toEqual([
      [s.asha, 70, "not_condoned", "below 75 %, not condoned"],
      [s.bala, 60, "below_band", "below 65 %, the lowest that can be condoned"],
    ]);
    expect(await detainedInCourse(s.teacher, s.course.id)).toEqual({ count: 2, termId: s.term.id });

    // The teacher asks, with the reason and the document seen.
    const asked = await call(s.teacher, () =>
      requestCondonationAction(null, {
        candidateId: s.asha,
        courseId: s.course.id,
        reason: "Hospitalised for a week",
        documentNote: "Medical certificate no. 4411",
      }),
    );
    expect(asked).toMatchObject({ ok: true });
    const id = (asked as { data: { id: number } }).data.id;
    const [row] = await db.select().from(condonations).where(eq(condonations.id, id));
    expect(row).toMatchObject({
      status: "requested",
      rateAtRequest: 70,
      requestedBy: s.teacher.id,
      termId: s.term.id,
      documentNote: "Medical certificate no. 4411",
    });
    // Still detained while it waits, and the reason says so.
    const waiting = await listDetentions(s.admin, LIST, { termId: s.term.id });
    expect(waiting.rows.find((r) => r.candidateId === s.asha)?.reason).toBe("below 75 %, not condoned (request pending)");
    // A second request for the same course while one waits is refused.
    expect(
      await call(s.counsellor, () => requestCondonationAction(null, { candidateId: s.asha, courseId: s.course.id, reason: "Again", documentNote: "" })),
    ).toMatchObject({ ok: false, message: expect.stringContaining("already waiting") });

    // The faculty member cannot decide, and nothing changes.
    expect(await call(s.teacher, () => decideCondonationAction(null, { id, decision: "approved", note: "" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect((await db.select().from(condonations).where(eq(condonations.id, id)))[0].status).toBe("requested");

    const approved = await call(s.admin, () => decideCondonationAction(null, { id, decision: "approved", note: "Certificate verified" }));
    expect(approved).toMatchObject({ ok: true, data: { status: "approved" } });
    const [decided] = await db.select().from(condonations).where(eq(condonations.id, id));
    expect(decided).toMatchObject({ status: "approved", decidedBy: s.admin.id, decisionNote: "Certificate verified" });
    expect(decided.decidedAt).toBeInstanceOf(Date);
    const trail = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "condonation"), eq(auditEvents.entityId, String(id))));
    expect(trail.map((e) => [e.action, e.actorId])).toEqual([
      ["request", s.teacher.id],
      ["approve", s.admin.id],
    ]);

    const after = await listDetentions(s.admin, LIST, { termId: s.term.id });
    expect(after.rows.map((r) => r.candidateId)).toEqual([s.bala]);
    expect(after.total).toBe(1);
    expect(await detainedInCourse(s.teacher, s.course.id)).toMatchObject({ count: 1 });
    expect(await eligibilityForCandidateTerm(s.asha, s.term.id)).toEqual([
      { courseId: s.course.id, rate: 70, shown: 70, status: "condoned", reason: "below 75 %, condoned", maySit: true },
    ]);
    // A decided request is not decided again.
    expect(await call(s.admin, () => decideCondonationAction(null, { id, decision: "refused", note: "Changed my mind" }))).toMatchObject({
      ok: false,
      code: "conflict",
    });
  });

  it("a refused request keeps the row, with that reason; refusing needs a note", async () => {
    const s = await setUp();
    const asked = await call(s.counsellor, () =>
      requestCondonationAction(null, { candidateId: s.asha, courseId: s.course.id, reason: "Family emergency", documentNote: "" }),
    );
    const id = (asked as { data: { id: number } }).data.id;
    expect(await call(s.admin, () => decideCondonationAction(null, { id, decision: "refused", note: "" }))).toMatchObject({
      ok: false,
      fieldErrors: { note: ["Say why the request is refused"] },
    });
    expect(await call(s.admin, () => decideCondonationAction(null, { id, decision: "refused", note: "No document" }))).toMatchObject({ ok: true });
    const list = await listDetentions(s.counsellor, LIST, { termId: s.term.id, reason: "refused" });
    expect(list.rows.map((r) => [r.candidateId, r.reason, r.reasonLabel])).toEqual([[s.asha, "below 75 %, condonation refused", "Condonation refused"]]);
    expect(list.total).toBe(1);
    const page = await candidateEligibility(s.counsellor, s.asha);
    expect(page.courses[0]).toMatchObject({ status: "condonable", maySit: false, latest: { id, status: "refused" }, canRequest: true });
    expect(page.history[0]).toMatchObject({ id, status: "refused", decisionNote: "No document", decidedBy: s.admin.fullName });
  });

  it("refuses, writing nothing, a request below the band, one at or above the minimum, and one past the limit of approved condonations", async () => {
    const s = await setUp();
    const before = await db.select().from(condonations);
    const below = await call(s.admin, () => requestCondonationAction(null, { candidateId: s.bala, courseId: s.course.id, reason: "Ill", documentNote: "" }));
    expect(below).toMatchObject({ ok: false, code: "invalid" });
    expect((below as { message: string }).message).toContain("60.0%, below 65 %, the lowest that can be condoned (the condonation band is 65 %–75 %)");
    const fine = await call(s.admin, () => requestCondonationAction(null, { candidateId: s.chitra, courseId: s.course.id, reason: "Ill", documentNote: "" }));
    expect((fine as { message: string }).message).toContain("at or above the minimum 75 %: no condonation is needed");
    expect(await db.select().from(condonations)).toEqual(before);

    // The program allows one condonation; Asha has one approved in another course of the program.
    const t = await getThresholds(s.program.id);
    await saveThresholds(SYSTEM, s.program.id, { ...t, maxCondonations: 1 });
    const other = await createCourse(SYSTEM, {
      code: "C-OTHER",
      name: "Other",
      programId: s.program.id,
      termId: s.term.id,
      credits: 3,
      teacherIds: [s.teacher.id],
    });
    await enrol(SYSTEM, [s.asha], other.id);
    await takeAttendance(other.id, s.teacher, { [s.asha]: absent(3) });
    const first = await call(s.admin, () => requestCondonationAction(null, { candidateId: s.asha, courseId: other.id, reason: "Ill", documentNote: "" }));
    const firstId = (first as { data: { id: number } }).data.id;
    expect(await call(s.admin, () => decideCondonationAction(null, { id: firstId, decision: "approved", note: "" }))).toMatchObject({ ok: true });

    const past = await call(s.admin, () =>
      requestCondonationAction(null, { candidateId: s.asha, courseId: s.course.id, reason: "Ill again", documentNote: "" }),
    );
    expect(past).toMatchObject({ ok: false, code: "invalid" });
    expect((past as { message: string }).message).toBe(
      `${s.candidates[0].fullName} has already been condoned 1 time, the most allowed (1). The request was not recorded.`,
    );
    expect((await candidateEligibility(s.admin, s.asha)).courses.find((c) => c.courseId === s.course.id)).toMatchObject({
      limitReached: true,
      canRequest: false,
    });
    expect(await db.select().from(condonations).where(eq(condonations.courseId, s.course.id))).toEqual([]);
  });

  it("a request made within the limit cannot be approved once another approval has used the limit up", async () => {
    const s = await setUp();
    const t = await getThresholds(s.program.id);
    await saveThresholds(SYSTEM, s.program.id, { ...t, maxCondonations: 1 });
    const other = await createCourse(SYSTEM, {
      code: "C-TWO",
      name: "Two",
      programId: s.program.id,
      termId: s.term.id,
      credits: 3,
      teacherIds: [s.teacher.id],
    });
    await enrol(SYSTEM, [s.asha], other.id);
    await takeAttendance(other.id, s.teacher, { [s.asha]: absent(3) });
    const ids: number[] = [];
    for (const courseId of [s.course.id, other.id]) {
      const r = await call(s.admin, () => requestCondonationAction(null, { candidateId: s.asha, courseId, reason: "Ill", documentNote: "" }));
      ids.push((r as { data: { id: number } }).data.id);
    }
    expect(await call(s.admin, () => decideCondonationAction(null, { id: ids[0], decision: "approved", note: "" }))).toMatchObject({ ok: true });
    const second = await call(s.admin, () => decideCondonationAction(null, { id: ids[1], decision: "approved", note: "" }));
    expect(second).toMatchObject({ ok: false });
    expect((second as { message: string }).message).toContain("the most allowed (1). It cannot be approved; refuse it with a note instead.");
    expect((await db.select().from(condonations).where(eq(condonations.id, ids[1])))[0].status).toBe("requested");
  });

  it("faculty see and ask only for the courses they teach; counsellors see every course", async () => {
    const s = await setUp();
    const colleague = await makeUser("faculty");
    expect((await listDetentions(colleague, LIST, { termId: s.term.id })).total).toBe(0);
    expect((await listDetentions(s.counsellor, LIST, { termId: s.term.id })).total).toBe(2);
    expect(
      await call(colleague, () => requestCondonationAction(null, { candidateId: s.asha, courseId: s.course.id, reason: "Ill", documentNote: "" })),
    ).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    await expect(detainedInCourse(colleague, s.course.id)).rejects.toThrow("You do not teach this course.");
    // Co-teaching opens it.
    await db.insert(courseTeachers).values({ courseId: s.course.id, userId: colleague.id });
    expect((await listDetentions(colleague, LIST, { termId: s.term.id })).total).toBe(2);
  });

  it("searches, sorts and pages with counts that match; the CSV has every filtered row, UTF-8 with a BOM", async () => {
    const s = await setUp();
    const byRate = await listDetentions(s.admin, { ...LIST, sort: "rate", dir: "desc", size: 1 }, { termId: s.term.id });
    expect(byRate).toMatchObject({ total: 2, page: 1, size: 1 });
    expect(byRate.rows.map((r) => r.shown)).toEqual([70]);
    const page2 = await listDetentions(s.admin, { ...LIST, sort: "rate", dir: "desc", size: 1, page: 2 }, { termId: s.term.id });
    expect(page2.rows.map((r) => r.shown)).toEqual([60]);
    const found = await listDetentions(s.admin, { ...LIST, q: s.candidates[1].fullName }, { termId: s.term.id });
    expect(found.rows.map((r) => r.candidateId)).toEqual([s.bala]);
    expect(found.total).toBe(1);
    expect((await exportDetentions(s.admin, { dir: "asc" }, { termId: s.term.id })).rows).toHaveLength(2);

    signInAs(s.counsellor);
    const res = await exportRoute(new Request(`http://localhost:3000/api/attendance/detention/export?term=${s.term.id}&sort=rate&dir=asc`));
    signInAs(null);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Candidate number,Candidate,Course,Program,Attendance %,Minimum %,Condonable from %,Why,Reason");
    expect(lines.slice(1).map((l) => l.split(",")[4])).toEqual(["60.0", "70.0"]);
  });
});

describe("on-duty and medical days under the program's policy", () => {
  it("counts on duty as present and medical as left out by default; a new policy recomputes the stored rate and the list", async () => {
    const made = await makeCourse({ candidates: 1 });
    const [c] = made.candidates.map((x) => x.id);
    // 6 present, 2 on duty, 1 medical, 1 absent.
    await takeAttendance(made.course.id, made.teacher, {
      [c]: ["present", "present", "present", "present", "present", "present", "on_duty", "on_duty", "medical", "absent"],
    });
    const stored = async () => (await db.select().from(courseResults).where(eq(courseResults.candidateId, c)))[0];
    // (6 + 2) / (10 − 1) = 88.9 %.
    expect(await stored()).toMatchObject({ attendanceShown: 88.9 });
    const t = await getThresholds(made.program.id);
    expect(t).toMatchObject({ onDutyCounts: "present", medicalCounts: "excluded", condonableFrom: 65, maxCondonations: 2 });
    // On duty as absent, medical as absent: 6 / 10 = 60 %, below the band.
    await saveThresholds(SYSTEM, made.program.id, { ...t, onDutyCounts: "absent", medicalCounts: "absent" });
    expect(await stored()).toMatchObject({ attendanceShown: 60 });
    const admin = await makeUser("admin");
    expect((await listDetentions(admin, LIST, { termId: made.term.id })).rows.map((r) => [r.candidateId, r.detention])).toEqual([[c, "below_band"]]);
    // On duty left out, medical present: (6 + 1) / (10 − 2) = 87.5 %.
    await saveThresholds(SYSTEM, made.program.id, { ...t, onDutyCounts: "excluded", medicalCounts: "present" });
    expect(await stored()).toMatchObject({ attendanceShown: 87.5 });
    expect((await listDetentions(admin, LIST, { termId: made.term.id })).total).toBe(0);
  });

  it("refuses a policy whose condonation band starts above the minimum, beside the field, changing nothing", async () => {
    const made = await makeCourse({ candidates: 1 });
    const t = await getThresholds(made.program.id);
    await expect(saveThresholds(SYSTEM, made.program.id, { ...t, condonableFrom: 80 })).rejects.toMatchObject({
      fieldErrors: { condonableFrom: ["Condonation must start between 0 % and the minimum."] },
    });
    expect(await getThresholds(made.program.id)).toMatchObject({ inherited: true, condonableFrom: 65 });
  });
});
