import "server-only";
import { and, eq, exists, or, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { candidates, courseTeachers, courses, enrollments } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError, type Actor } from "./actor";

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
        .from(enrollments)
        .innerJoin(courseTeachers, eq(courseTeachers.courseId, enrollments.courseId))
        .where(and(eq(enrollments.candidateId, candidates.id), eq(courseTeachers.userId, actor.id))),
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

/** The ids of the courses whose marks an actor may read (null = all of them). */
export async function readableCourseIds(actor: Actor): Promise<Set<number> | null> {
  if (actor.role === "admin") return null;
  if (!can(actor.role, "marks.read")) return new Set();
  const rows = await db.select({ courseId: courseTeachers.courseId }).from(courseTeachers).where(eq(courseTeachers.userId, actor.id));
  return new Set(rows.map((r) => r.courseId));
}
