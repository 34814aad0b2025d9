import "server-only";
import { and, asc, eq, exists, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, type DbOrTx } from "@/db/client";
import { alerts, candidates, courseTeachers, courses, enrolments } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { type Actor } from "@/lib/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";

/** Does this faculty member teach this course? */
export async function teaches(tx: DbOrTx, userId: number, courseId: number): Promise<boolean> {
  const [row] = await tx
    .select({ one: sql<number>`1` })
    .from(courseTeachers)
    .where(and(eq(courseTeachers.userId, userId), eq(courseTeachers.courseId, courseId)));
  return !!row;
}

/**
 * A course's marks and attendance: admins everywhere, faculty only where they teach,
 * counsellors nowhere. Throws rather than returning nothing, so a mistake is loud.
 */
export async function assertCourseAccess(actor: Actor, courseId: number, mode: "read" | "write", tx: DbOrTx = db): Promise<void> {
  const permission = mode === "read" ? "marks.read" : "marks.write";
  if (!can(actor.role, permission)) throw new ForbiddenError();
  const [course] = await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, courseId));
  if (!course) throw new NotFoundError("Course not found.");
  if (actor.role === "admin") return;
  if (!(await teaches(tx, actor.id, courseId))) throw new ForbiddenError("You do not teach this course.");
}

/** The courses an actor may see: a where-clause over `courses`. */
export function coursesVisibleTo(actor: Actor): SQL | undefined {
  if (actor.role === "admin") return undefined;
  if (actor.role === "faculty") {
    return exists(
      db
        .select({ one: sql`1` })
        .from(courseTeachers)
        .where(and(eq(courseTeachers.courseId, courses.id), eq(courseTeachers.userId, actor.id))),
    );
  }
  return sql`0`;
}

/**
 * The candidates an actor may see: admins and counsellors all; faculty their advisees and
 * those enrolled in a course they teach. A where-clause over `candidates`.
 */
export function candidatesVisibleTo(actor: Actor): SQL | undefined {
  if (actor.role !== "faculty") return undefined;
  return or(
    eq(candidates.advisorId, actor.id),
    exists(
      db
        .select({ one: sql`1` })
        .from(enrolments)
        .innerJoin(courseTeachers, eq(courseTeachers.courseId, enrolments.courseId))
        .where(and(eq(enrolments.candidateId, candidates.id), eq(courseTeachers.userId, actor.id))),
    ),
  );
}

export async function assertCandidateVisible(actor: Actor, candidateId: number, tx: DbOrTx = db): Promise<void> {
  const visible = candidatesVisibleTo(actor);
  const [row] = await tx
    .select({ id: candidates.id })
    .from(candidates)
    .where(and(eq(candidates.id, candidateId), visible));
  if (!row) throw new NotFoundError("Candidate not found.");
}

/**
 * Whether an actor may read the results (marks, percentages, attendance figures) of the
 * course in `courseId`: a condition on that column, for selects, sorts and subqueries alike.
 * Admins read every course, faculty the courses they teach, a role without marks.read none.
 * A null course (an alert about no one course) is readable by admins only.
 */
export function courseResultsReadable(actor: Actor, courseId: AnySQLiteColumn | SQL): SQL | undefined {
  if (!can(actor.role, "marks.read")) return sql`0`;
  if (actor.role === "admin") return undefined;
  return sql`${courseId} in (select ${courseTeachers.courseId} from ${courseTeachers} where ${courseTeachers.userId} = ${actor.id})`;
}

/**
 * The alerts an actor may see: a where-clause over `alerts` in a query that also has the
 * alert's row of `candidates` (joined, or the outer row of a correlated subquery).
 * Admins and counsellors see every alert of the candidates they see (counsellors read the
 * at-risk list to plan interventions, without the figures: see alertFiguresReadable).
 * Faculty see the alerts of the courses they teach and every alert of their advisees: the
 * advisor is the one asked to follow up (refresh.ts opens their intervention task), so an
 * advisee failing another teacher's course must not be invisible to them, but the figures
 * of that course stay with its teachers. A course-less alert is their advisor's only.
 */
export function alertsVisibleTo(actor: Actor): SQL | undefined {
  return and(candidatesVisibleTo(actor), alertsOfVisibleCandidate(actor));
}

/** alertsVisibleTo without the candidate's part, for subqueries under a candidate already scoped (the candidate list). */
export function alertsOfVisibleCandidate(actor: Actor): SQL | undefined {
  if (actor.role !== "faculty") return undefined;
  return or(courseResultsReadable(actor, alerts.courseId), eq(candidates.advisorId, actor.id));
}

/** Whether an alert's message (which quotes the percentages that tripped it) may be shown: a boolean SQL expression over `alerts`. */
export function alertFiguresReadable(actor: Actor): SQL {
  return courseResultsReadable(actor, alerts.courseId) ?? sql`1`;
}

/** A course, a program in a term, or a whole term: what a report or grade-card run covers. */
export type RunScope = { kind: "course"; courseId: number } | { kind: "program_term"; programId: number; termId: number } | { kind: "term"; termId: number };

/**
 * The candidates a run covers, by id: active candidates with an active enrolment in the course
 * (or in a course of the program's term, or of the term). A course is for whoever may read it;
 * a program or a whole term crosses courses and is an admin's. `what` names the run in the
 * refusal ("reports", "grade cards"). One rule for progress reports and grade cards.
 */
export async function candidatesOfRunScope(actor: Actor, scope: RunScope, what: string, tx: DbOrTx = db): Promise<number[]> {
  if (scope.kind === "course") await assertCourseAccess(actor, scope.courseId, "read", tx);
  else if (actor.role !== "admin") throw new ForbiddenError(`Only an admin can make a whole program's or term's ${what}.`);
  const rows = await tx
    .selectDistinct({ id: candidates.id })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(candidates, eq(candidates.id, enrolments.candidateId))
    .where(
      and(
        scope.kind === "course" ? eq(enrolments.courseId, scope.courseId) : eq(courses.termId, scope.termId),
        scope.kind === "program_term" ? eq(courses.programId, scope.programId) : undefined,
        eq(enrolments.status, "active"),
        eq(candidates.status, "active"),
      ),
    )
    .orderBy(asc(candidates.id));
  return rows.map((r) => r.id);
}
