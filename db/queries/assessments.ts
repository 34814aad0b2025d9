import "server-only";
import { and, asc, count, eq, gt, max } from "drizzle-orm";
import { db, withTx, type DbOrTx } from "@/db/client";
import { assessments, courses, marks, terms } from "@/db/schema";
import type { AssessmentKind } from "@/lib/constants";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit, recordCreatedMany } from "./audit";
import { assertCourseAccess } from "./scope";
import { recomputeCourse } from "./internal/results";

export type AssessmentFields = {
  name: string;
  kind: AssessmentKind;
  maxScore: number;
  weight: number;
  dueOn?: string | null;
  published: boolean;
  /** Released to parents; absent: released. */
  released?: boolean;
  componentKey?: string | null;
  neverDrop?: boolean;
};

export async function assertTermOpen(tx: DbOrTx, courseId: number) {
  const [row] = await tx
    .select({ locked: terms.locked, name: terms.name })
    .from(courses)
    .innerJoin(terms, eq(terms.id, courses.termId))
    .where(eq(courses.id, courseId));
  if (row?.locked) throw new DomainError(`${row.name} is locked: its marks are final. An admin can unlock it, with a reason.`);
}

export async function listAssessments(actor: Actor, courseId: number, opts: { includeArchived?: boolean } = {}) {
  await assertCourseAccess(actor, courseId, "read");
  const rows = await db
    .select({
      id: assessments.id,
      name: assessments.name,
      kind: assessments.kind,
      maxScore: assessments.maxScore,
      weight: assessments.weight,
      dueOn: assessments.dueOn,
      published: assessments.published,
      released: assessments.released,
      componentKey: assessments.componentKey,
      neverDrop: assessments.neverDrop,
      archived: assessments.archived,
      position: assessments.position,
      markCount: count(marks.id),
    })
    .from(assessments)
    .leftJoin(marks, eq(marks.assessmentId, assessments.id))
    .where(and(eq(assessments.courseId, courseId), opts.includeArchived ? undefined : eq(assessments.archived, false)))
    .groupBy(assessments.id)
    .orderBy(asc(assessments.position), asc(assessments.id));
  return rows;
}

function check(input: AssessmentFields) {
  if (!(input.maxScore > 0)) throw new DomainError("The maximum score must be above 0.", { maxScore: ["Must be above 0"] });
  if (!(input.weight >= 0)) throw new DomainError("The weight cannot be negative.", { weight: ["Cannot be negative"] });
}

export async function createAssessment(actor: Actor, courseId: number, input: AssessmentFields, tx?: DbOrTx) {
  assertCan(actor, "assessments.manage");
  check(input);
  const run = async (t: DbOrTx) => {
    await assertCourseAccess(actor, courseId, "write", t);
    await assertTermOpen(t, courseId);
    const [{ last }] = await t
      .select({ last: max(assessments.position) })
      .from(assessments)
      .where(eq(assessments.courseId, courseId));
    const [row] = await t
      .insert(assessments)
      .values({ courseId, ...input, name: input.name.trim(), dueOn: input.dueOn ?? null, position: (last ?? 0) + 1 })
      .returning();
    await recordAudit(t, actor, "create", "assessment", row.id, null, row);
    return row;
  };
  return withTx(tx, run);
}

async function mustGet(tx: DbOrTx, id: number) {
  const [row] = await tx.select().from(assessments).where(eq(assessments.id, id));
  if (!row) throw new NotFoundError("Assessment not found.");
  return row;
}

export async function updateAssessment(actor: Actor, id: number, input: AssessmentFields) {
  assertCan(actor, "assessments.manage");
  check(input);
  return db.transaction(async (tx) => {
    const before = await mustGet(tx, id);
    await assertCourseAccess(actor, before.courseId, "write", tx);
    await assertTermOpen(tx, before.courseId);
    if (input.maxScore < before.maxScore) {
      const [over] = await tx
        .select({ n: count() })
        .from(marks)
        .where(and(eq(marks.assessmentId, id), gt(marks.score, input.maxScore)));
      if (over.n)
        throw new DomainError(`${over.n} mark(s) are above ${input.maxScore}; change them first.`, { maxScore: [`${over.n} existing mark(s) are higher`] });
    }
    const [after] = await tx
      .update(assessments)
      .set({ ...input, name: input.name.trim(), dueOn: input.dueOn ?? null })
      .where(eq(assessments.id, id))
      .returning();
    await recordAudit(tx, actor, "update", "assessment", id, before, after);
    // Weights, maximum or publication changed: every result in the course may have moved.
    await recomputeCourse(tx, before.courseId);
    return after;
  });
}

/** Deleting is only for assessments without marks; with marks they are archived, keeping every mark. */
export async function deleteOrArchiveAssessment(actor: Actor, id: number): Promise<"deleted" | "archived"> {
  assertCan(actor, "assessments.manage");
  return db.transaction(async (tx) => {
    const before = await mustGet(tx, id);
    await assertCourseAccess(actor, before.courseId, "write", tx);
    await assertTermOpen(tx, before.courseId);
    const [{ n }] = await tx.select({ n: count() }).from(marks).where(eq(marks.assessmentId, id));
    if (n === 0) {
      await tx.delete(assessments).where(eq(assessments.id, id));
      await recordAudit(tx, actor, "delete", "assessment", id, before, null);
      return "deleted";
    }
    await tx.update(assessments).set({ archived: true }).where(eq(assessments.id, id));
    await recordAudit(tx, actor, "archive", "assessment", id, before, { ...before, archived: true });
    await recomputeCourse(tx, before.courseId);
    return "archived";
  });
}

export async function restoreAssessment(actor: Actor, id: number) {
  assertCan(actor, "assessments.manage");
  return db.transaction(async (tx) => {
    const before = await mustGet(tx, id);
    await assertCourseAccess(actor, before.courseId, "write", tx);
    await assertTermOpen(tx, before.courseId);
    await tx.update(assessments).set({ archived: false }).where(eq(assessments.id, id));
    await recordAudit(tx, actor, "restore", "assessment", id, before, { ...before, archived: false });
    await recomputeCourse(tx, before.courseId);
  });
}

/** A course's assessments in one go (seeding, copying a course's scheme). */
export async function createAssessmentsBulk(tx: DbOrTx, actor: Actor, courseId: number, inputs: AssessmentFields[]) {
  assertCan(actor, "assessments.manage");
  inputs.forEach(check);
  await assertCourseAccess(actor, courseId, "write", tx);
  await assertTermOpen(tx, courseId);
  const rows = await tx
    .insert(assessments)
    .values(inputs.map((a, i) => ({ courseId, ...a, name: a.name.trim(), dueOn: a.dueOn ?? null, position: i + 1 })))
    .returning();
  await recordCreatedMany(tx, actor, "assessment", rows);
  return rows;
}
