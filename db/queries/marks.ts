import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { assessments, candidates, enrollments, markChanges, marks, users } from "@/db/schema";
import type { MarkStatus } from "@/lib/constants";
import { assertCan, ConflictError, DomainError, NotFoundError, type Actor } from "./actor";
import { recordAudit } from "./audit";
import { assertCourseAccess, candidatesVisibleTo } from "./scope";
import { bandsForProgram, getCourse } from "./academics";
import { recomputeCourseResult } from "./results";
import { applyCourseAlerts } from "./alerts";
import { assertTermOpen } from "./assessments";

export type MarkValue = { score: number | null; status: MarkStatus; feedback: string | null };
export type CellMark = MarkValue & { version: number };

/** The gradebook of a course, compact: a course of 1,000 × 100 is one query per part. */
export async function loadGradebook(actor: Actor, courseId: number) {
  await assertCourseAccess(actor, courseId, "read");
  const course = await getCourse(actor, courseId);
  const bands = await bandsForProgram(course.programId);
  const assessmentRows = await db
    .select({
      id: assessments.id,
      name: assessments.name,
      kind: assessments.kind,
      maxScore: assessments.maxScore,
      weight: assessments.weight,
      published: assessments.published,
      dueOn: assessments.dueOn,
      position: assessments.position,
    })
    .from(assessments)
    .where(and(eq(assessments.courseId, courseId), eq(assessments.archived, false)))
    .orderBy(asc(assessments.position), asc(assessments.id));
  const roster = await db
    .select({ id: candidates.id, fullName: candidates.fullName, candidateNumber: candidates.candidateNumber })
    .from(enrollments)
    .innerJoin(candidates, eq(candidates.id, enrollments.candidateId))
    .where(and(eq(enrollments.courseId, courseId), eq(enrollments.status, "active")))
    .orderBy(asc(candidates.fullName), asc(candidates.id));
  const ids = assessmentRows.map((a) => a.id);
  const markRows = ids.length
    ? await db
        .select({
          candidateId: marks.candidateId,
          assessmentId: marks.assessmentId,
          score: marks.score,
          status: marks.status,
          feedback: marks.feedback,
          version: marks.version,
        })
        .from(marks)
        .innerJoin(enrollments, and(eq(enrollments.candidateId, marks.candidateId), eq(enrollments.courseId, courseId)))
        .where(inArray(marks.assessmentId, ids))
    : [];
  return { course, bands, assessments: assessmentRows, roster, marks: markRows };
}

export type SaveMarkInput = {
  assessmentId: number;
  candidateId: number;
  score: number | null;
  status: MarkStatus;
  feedback?: string | null;
  /** The version the editor saw; null when the cell was empty. */
  expectedVersion: number | null;
  reason?: string | null;
  importId?: number | null;
};

export type SaveMarkResult = {
  mark: CellMark;
  changed: boolean;
  result: { percent: number | null; shown: number | null; grade: string | null };
  alerts: { raised: number; resolved: number };
};

/** Validation that does not need the database; the same messages for the grid and imports. */
export function validateMark(input: { score: number | null; status: MarkStatus }, maxScore: number): string | null {
  if (input.score !== null) {
    if (!Number.isFinite(input.score)) return "Enter a number";
    if (input.score < 0) return "A score cannot be negative";
    if (input.score > maxScore) return `Above the maximum of ${maxScore}`;
  }
  if ((input.status === "absent" || input.status === "missing" || input.status === "excused") && input.score !== null) {
    return `A mark marked ${input.status} has no score`;
  }
  return null;
}

/**
 * Saves one mark: checks access, the term lock, enrolment and the score; refuses a stale
 * write with both values; keeps the change in the history; recomputes the candidate's
 * result and applies the at-risk rules — all in one transaction.
 */
export async function saveMark(actor: Actor, input: SaveMarkInput, outerTx?: DbOrTx): Promise<SaveMarkResult> {
  assertCan(actor, "marks.write");
  const run = async (tx: DbOrTx): Promise<SaveMarkResult> => {
    const [a] = await tx.select().from(assessments).where(eq(assessments.id, input.assessmentId));
    if (!a) throw new NotFoundError("Assessment not found.");
    await assertCourseAccess(actor, a.courseId, "write", tx);
    await assertTermOpen(tx, a.courseId);
    if (a.archived) throw new DomainError("This assessment is archived; restore it to change its marks.");
    const [enrolled] = await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.courseId, a.courseId), eq(enrollments.candidateId, input.candidateId)));
    if (!enrolled) throw new DomainError("This candidate is not enrolled in the course.");
    const feedback = input.feedback?.trim() ? input.feedback.trim() : null;
    const invalid = validateMark(input, a.maxScore);
    if (invalid) throw new DomainError(invalid, { score: [invalid] });

    const [current] = await tx
      .select()
      .from(marks)
      .where(and(eq(marks.assessmentId, input.assessmentId), eq(marks.candidateId, input.candidateId)));
    const currentVersion = current?.version ?? null;
    if (currentVersion !== input.expectedVersion) {
      throw new ConflictError("Someone else changed this mark since you loaded it.", {
        current: current ? { score: current.score, status: current.status, feedback: current.feedback, version: current.version } : null,
        yours: { score: input.score, status: input.status, feedback },
      });
    }
    const next: MarkValue = { score: input.score, status: input.status, feedback: input.feedback === undefined ? (current?.feedback ?? null) : feedback };
    const unchanged = current && current.score === next.score && current.status === next.status && current.feedback === next.feedback;
    let saved = current;
    if (!unchanged) {
      if (current) {
        [saved] = await tx
          .update(marks)
          .set({ ...next, version: current.version + 1, enteredBy: actor.id || null })
          .where(eq(marks.id, current.id))
          .returning();
      } else {
        [saved] = await tx
          .insert(marks)
          .values({ assessmentId: input.assessmentId, candidateId: input.candidateId, ...next, version: 1, enteredBy: actor.id || null })
          .returning();
      }
      await tx.insert(markChanges).values({
        markId: saved!.id,
        assessmentId: input.assessmentId,
        candidateId: input.candidateId,
        oldScore: current?.score ?? null,
        oldStatus: current?.status ?? null,
        oldFeedback: current?.feedback ?? null,
        newScore: next.score,
        newStatus: next.status,
        newFeedback: next.feedback,
        reason: input.reason?.trim() || null,
        importId: input.importId ?? null,
        changedBy: actor.id || null,
      });
      await recordAudit(tx, actor, current ? "update" : "create", "mark", saved!.id, current ?? null, saved);
    }
    const computed = await recomputeCourseResult(tx, input.candidateId, a.courseId);
    const alertOutcome = unchanged ? { raised: 0, resolved: 0 } : await applyCourseAlerts(tx, { candidateId: input.candidateId, courseId: a.courseId, ...computed });
    return {
      mark: { score: saved!.score, status: saved!.status, feedback: saved!.feedback, version: saved!.version },
      changed: !unchanged,
      result: { percent: computed.result.percent, shown: computed.result.shown, grade: computed.grade },
      alerts: alertOutcome,
    };
  };
  return outerTx ? run(outerTx) : db.transaction(run);
}

/** Every change of one mark, newest first. */
export async function markHistory(actor: Actor, assessmentId: number, candidateId: number) {
  const [a] = await db.select({ courseId: assessments.courseId }).from(assessments).where(eq(assessments.id, assessmentId));
  if (!a) throw new NotFoundError("Assessment not found.");
  await assertCourseAccess(actor, a.courseId, "read");
  return db
    .select({
      id: markChanges.id,
      oldScore: markChanges.oldScore,
      oldStatus: markChanges.oldStatus,
      oldFeedback: markChanges.oldFeedback,
      newScore: markChanges.newScore,
      newStatus: markChanges.newStatus,
      newFeedback: markChanges.newFeedback,
      reason: markChanges.reason,
      importId: markChanges.importId,
      changedAt: markChanges.changedAt,
      changedBy: users.fullName,
    })
    .from(markChanges)
    .leftJoin(users, eq(users.id, markChanges.changedBy))
    .where(and(eq(markChanges.assessmentId, assessmentId), eq(markChanges.candidateId, candidateId)))
    .orderBy(desc(markChanges.changedAt), desc(markChanges.id));
}

/** A candidate's mark history across the courses the actor may read. */
export async function candidateMarkHistory(actor: Actor, candidateId: number, limit = 100) {
  assertCan(actor, "marks.read");
  const rows = await db
    .select({
      id: markChanges.id,
      assessmentName: assessments.name,
      courseId: assessments.courseId,
      oldScore: markChanges.oldScore,
      oldStatus: markChanges.oldStatus,
      newScore: markChanges.newScore,
      newStatus: markChanges.newStatus,
      reason: markChanges.reason,
      changedAt: markChanges.changedAt,
      changedBy: users.fullName,
    })
    .from(markChanges)
    .innerJoin(assessments, eq(assessments.id, markChanges.assessmentId))
    .innerJoin(candidates, eq(candidates.id, markChanges.candidateId))
    .leftJoin(users, eq(users.id, markChanges.changedBy))
    .where(and(eq(markChanges.candidateId, candidateId), candidatesVisibleTo(actor)))
    .orderBy(desc(markChanges.changedAt), desc(markChanges.id))
    .limit(limit);
  if (actor.role === "admin") return rows;
  const visible = new Set<number>();
  for (const courseId of new Set(rows.map((r) => r.courseId))) {
    try {
      await assertCourseAccess(actor, courseId, "read");
      visible.add(courseId);
    } catch {
      // another teacher's course: not shown
    }
  }
  return rows.filter((r) => visible.has(r.courseId));
}
