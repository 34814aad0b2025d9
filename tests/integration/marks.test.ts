import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, auditEvents, courseResults, markChanges, marks, tasks } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { loadGradebook, markHistory, saveMark } from "@/db/queries/marks";
import { setTermLocked } from "@/db/queries/terms";
import { saveMarkAction } from "@/app/(staff)/courses/[id]/gradebook/actions";
import { addWorkedExample, makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { signInAs } from "../support/session";

describe("marks", () => {
  it("computes the worked example through saves: 72.8, B", async () => {
    const { teacher, course, candidates } = await makeCourse({ candidates: 1 });
    const { quiz, midterm, project } = await addWorkedExample(course.id);
    const c = candidates[0].id;
    await saveMark(teacher, { assessmentId: quiz.id, candidateId: c, score: 15, status: "graded", expectedVersion: null });
    await saveMark(teacher, { assessmentId: midterm.id, candidateId: c, score: 36, status: "graded", expectedVersion: null });
    const r = await saveMark(teacher, { assessmentId: project.id, candidateId: c, score: null, status: "excused", expectedVersion: null });
    expect(r.result.percent).toBeCloseTo(72.75, 9);
    expect(r.result).toMatchObject({ shown: 72.8, grade: "B" });
    const [stored] = await db
      .select()
      .from(courseResults)
      .where(and(eq(courseResults.candidateId, c), eq(courseResults.courseId, course.id)));
    expect(stored).toMatchObject({ shown: 72.8, grade: "B" });
  });

  it("refuses a score above the maximum, negative or not a number, and writes nothing", async () => {
    const { teacher, course, candidates } = await makeCourse({ candidates: 1 });
    const { quiz } = await addWorkedExample(course.id);
    const before = (await db.select().from(auditEvents)).length;
    await expect(
      saveMark(teacher, { assessmentId: quiz.id, candidateId: candidates[0].id, score: 21, status: "graded", expectedVersion: null }),
    ).rejects.toThrow("Above the maximum of 20");
    await expect(
      saveMark(teacher, { assessmentId: quiz.id, candidateId: candidates[0].id, score: -1, status: "graded", expectedVersion: null }),
    ).rejects.toThrow("cannot be negative");
    signInAs(teacher);
    const viaAction = await saveMarkAction(null, { assessmentId: quiz.id, candidateId: candidates[0].id, score: "abc", status: "graded", expectedVersion: "" });
    expect(viaAction).toMatchObject({ ok: false, code: "invalid" });
    expect(await db.select().from(marks).where(eq(marks.assessmentId, quiz.id))).toHaveLength(0);
    expect(await db.select().from(markChanges).where(eq(markChanges.assessmentId, quiz.id))).toHaveLength(0);
    expect((await db.select().from(auditEvents)).length).toBe(before);
  });

  it("reports a stale write as a conflict with both values and never overwrites", async () => {
    const { teacher, course, candidates } = await makeCourse({ candidates: 1 });
    const { quiz } = await addWorkedExample(course.id);
    const other = await makeUser("admin");
    const first = await saveMark(teacher, { assessmentId: quiz.id, candidateId: candidates[0].id, score: 10, status: "graded", expectedVersion: null });
    await saveMark(other, { assessmentId: quiz.id, candidateId: candidates[0].id, score: 12, status: "graded", expectedVersion: first.mark.version });
    signInAs(teacher);
    const stale = await saveMarkAction(null, {
      assessmentId: quiz.id,
      candidateId: candidates[0].id,
      score: "18",
      status: "graded",
      expectedVersion: String(first.mark.version),
    });
    expect(stale).toMatchObject({ ok: false, code: "conflict", details: { current: { score: 12, version: 2 }, yours: { score: 18 } } });
    const [m] = await db.select().from(marks).where(eq(marks.assessmentId, quiz.id));
    expect(m.score).toBe(12);
  });

  it("keeps every change in the history with who, when and why", async () => {
    const { teacher, course, candidates } = await makeCourse({ candidates: 1 });
    const { quiz } = await addWorkedExample(course.id);
    const a = await saveMark(teacher, { assessmentId: quiz.id, candidateId: candidates[0].id, score: 10, status: "graded", expectedVersion: null });
    await saveMark(teacher, {
      assessmentId: quiz.id,
      candidateId: candidates[0].id,
      score: 14,
      status: "late",
      feedback: "Handed in a day late",
      expectedVersion: a.mark.version,
      reason: "Re-marked",
    });
    const history = await markHistory(teacher, quiz.id, candidates[0].id);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({
      oldScore: 10,
      newScore: 14,
      newStatus: "late",
      newFeedback: "Handed in a day late",
      reason: "Re-marked",
      changedBy: teacher.fullName,
    });
    expect(history[1]).toMatchObject({ oldScore: null, newScore: 10 });
  });

  it("keeps faculty out of courses they do not teach, in the queries and the actions", async () => {
    const mine = await makeCourse({ candidates: 1 });
    const theirs = await makeCourse({ candidates: 1 });
    const { quiz } = await addWorkedExample(theirs.course.id);
    await expect(loadGradebook(mine.teacher, theirs.course.id)).rejects.toThrow(/do not teach/);
    await expect(
      saveMark(mine.teacher, { assessmentId: quiz.id, candidateId: theirs.candidates[0].id, score: 5, status: "graded", expectedVersion: null }),
    ).rejects.toThrow(/do not teach/);
    signInAs(mine.teacher);
    expect(
      await saveMarkAction(null, { assessmentId: quiz.id, candidateId: theirs.candidates[0].id, score: "5", status: "graded", expectedVersion: "" }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    const counsellor = await makeUser("counsellor");
    await expect(loadGradebook(counsellor, theirs.course.id)).rejects.toThrow(/permission/);
    expect(await db.select().from(marks).where(eq(marks.assessmentId, quiz.id))).toHaveLength(0);
  });

  it("refuses changes in a locked term", async () => {
    const { teacher, course, term, candidates } = await makeCourse({ candidates: 1 });
    const { quiz } = await addWorkedExample(course.id);
    await setTermLocked(SYSTEM, term.id, true);
    await expect(
      saveMark(teacher, { assessmentId: quiz.id, candidateId: candidates[0].id, score: 5, status: "graded", expectedVersion: null }),
    ).rejects.toThrow(/locked/);
    await expect(setTermLocked(SYSTEM, term.id, false)).rejects.toThrow(/why/);
    await setTermLocked(SYSTEM, term.id, false, "Re-marking after appeal");
    await saveMark(teacher, { assessmentId: quiz.id, candidateId: candidates[0].id, score: 5, status: "graded", expectedVersion: null });
    const [unlock] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "term"), eq(auditEvents.action, "unlock"), eq(auditEvents.entityId, String(term.id))));
    expect(unlock.after).toMatchObject({ reason: "Re-marking after appeal" });
  });

  it("raises an alert and an intervention task in the same transaction, once, and resolves it", async () => {
    const { teacher, course, candidates } = await makeCourse({ candidates: 1 });
    const { quiz, midterm } = await addWorkedExample(course.id);
    const c = candidates[0].id;
    const q = await saveMark(teacher, { assessmentId: quiz.id, candidateId: c, score: 6, status: "graded", expectedVersion: null }); // 30%
    expect(q.alerts.raised).toBe(1);
    const open = await db.select().from(alerts).where(eq(alerts.candidateId, c));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ rule: "failing", resolvedAt: null });
    expect(open[0].message).toContain("30.0% is below the pass mark 40%");
    const [task] = await db.select().from(tasks).where(eq(tasks.alertId, open[0].id));
    expect(task).toMatchObject({ ownerId: teacher.id, candidateId: c, status: "open" });
    // Still failing: no second alert.
    const again = await saveMark(teacher, { assessmentId: quiz.id, candidateId: c, score: 5, status: "graded", expectedVersion: q.mark.version });
    expect(again.alerts.raised).toBe(0);
    // A good midterm lifts the result above 50: resolved.
    await saveMark(teacher, { assessmentId: midterm.id, candidateId: c, score: 48, status: "graded", expectedVersion: null });
    const [after] = await db.select().from(alerts).where(eq(alerts.id, open[0].id));
    expect(after.resolvedAt).not.toBeNull();
  });

  it("a refused save raises nothing", async () => {
    const { teacher, course, candidates } = await makeCourse({ candidates: 1 });
    const { quiz } = await addWorkedExample(course.id);
    await expect(
      saveMark(teacher, { assessmentId: quiz.id, candidateId: candidates[0].id, score: 99, status: "graded", expectedVersion: null }),
    ).rejects.toThrow();
    expect(await db.select().from(alerts).where(eq(alerts.candidateId, candidates[0].id))).toHaveLength(0);
    expect(await db.select().from(tasks).where(eq(tasks.candidateId, candidates[0].id))).toHaveLength(0);
  });
});

describe("the result page's data version", () => {
  it("changes when a mark, an enrolment or the candidate changes, and only then", async () => {
    const { resultsVersion: versionOf } = await import("@/db/queries/internal/results");
    const resultsVersion = (candidateId: number) => versionOf(db, candidateId);
    const { enrol } = await import("@/db/queries/candidates");
    const { teacher, course, candidates } = await makeCourse({ candidates: 1 });
    const other = await makeCourse({ candidates: 0 });
    const { quiz } = await addWorkedExample(course.id);
    const c = candidates[0].id;
    const v1 = await resultsVersion(c);
    expect(await resultsVersion(c)).toBe(v1);
    await new Promise((r) => setTimeout(r, 5));
    await saveMark(teacher, { assessmentId: quiz.id, candidateId: c, score: 10, status: "graded", expectedVersion: null });
    const v2 = await resultsVersion(c);
    expect(v2).not.toBe(v1);
    await new Promise((r) => setTimeout(r, 5));
    await enrol(SYSTEM, [c], other.course.id);
    expect(await resultsVersion(c)).not.toBe(v2);
  });
});
