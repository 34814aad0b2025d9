import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, withTx, type DbOrTx } from "@/db/client";
import { assessments, courseTeachers, courses, enrolments, programs, terms, users } from "@/db/schema";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { COURSE_SORTS, type CourseSort } from "@/lib/filters/courses";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { coursesVisibleTo } from "./scope";
import { refreshResults } from "./refresh";
import { getThresholds } from "./internal/grading";
import { minimumFor } from "@/lib/results/eligibility";

export type CourseInput = {
  code: string;
  name: string;
  programId: number;
  termId: number;
  credits: number;
  /** The attendance needed to sit the exam, when not the program's (null or absent: the program's). */
  minAttendance?: number | null;
  teacherIds: number[];
};

export type CourseRow = {
  id: number;
  code: string;
  name: string;
  credits: number;
  programId: number;
  programCode: string;
  termId: number;
  termName: string;
  termLocked: boolean;
  teachers: string | null;
  enrolled: number;
  assessmentCount: number;
};

const SORTS = {
  code: courses.code,
  name: courses.name,
  program: programs.code,
  term: terms.startsOn,
  enrolled: sql`enrolled`,
} satisfies Record<CourseSort, SQL | AnySQLiteColumn>;

export async function listCourses(
  actor: Actor,
  params: ListParams,
  filters: { programId?: number; termId?: number; mine?: boolean } = {},
): Promise<Page<CourseRow>> {
  assertCan(actor, "courses.read");
  const where: (SQL | undefined)[] = [coursesVisibleTo(actor)];
  if (params.q) {
    const p = likePattern(params.q);
    where.push(sql`(${courses.code} like ${p} escape '\\' or ${courses.name} like ${p} escape '\\')`);
  }
  if (filters.programId) where.push(eq(courses.programId, filters.programId));
  if (filters.termId) where.push(eq(courses.termId, filters.termId));
  if (filters.mine)
    where.push(sql`exists (select 1 from ${courseTeachers} where ${courseTeachers.courseId} = ${courses.id} and ${courseTeachers.userId} = ${actor.id})`);
  const cond = and(...where.filter(Boolean));
  const sortCol = SORTS[sortKey(COURSE_SORTS, params.sort, "code")];
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: courses.id,
        code: courses.code,
        name: courses.name,
        credits: courses.credits,
        programId: courses.programId,
        programCode: programs.code,
        termId: courses.termId,
        termName: terms.name,
        termLocked: terms.locked,
        teachers: sql<
          string | null
        >`(select group_concat(${users.fullName}, ', ') from ${courseTeachers} join ${users} on ${users.id} = ${courseTeachers.userId} where ${courseTeachers.courseId} = ${courses.id})`,
        enrolled: sql<number>`(select count(*) from ${enrolments} where ${enrolments.courseId} = ${courses.id} and ${enrolments.status} = 'active')`.as(
          "enrolled",
        ),
        assessmentCount: sql<number>`(select count(*) from ${assessments} where ${assessments.courseId} = ${courses.id} and ${assessments.archived} = 0)`,
      })
      .from(courses)
      .innerJoin(programs, eq(programs.id, courses.programId))
      .innerJoin(terms, eq(terms.id, courses.termId))
      .where(cond)
      .orderBy(params.dir === "desc" ? desc(sortCol) : asc(sortCol), asc(courses.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(courses).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

export async function getCourse(actor: Actor, id: number) {
  assertCan(actor, "courses.read");
  const [row] = await db
    .select({
      id: courses.id,
      code: courses.code,
      name: courses.name,
      credits: courses.credits,
      minAttendance: courses.minAttendance,
      programId: courses.programId,
      programCode: programs.code,
      programName: programs.name,
      gradingScaleId: programs.gradingScaleId,
      termId: courses.termId,
      termName: terms.name,
      termLocked: terms.locked,
    })
    .from(courses)
    .innerJoin(programs, eq(programs.id, courses.programId))
    .innerJoin(terms, eq(terms.id, courses.termId))
    .where(and(eq(courses.id, id), coursesVisibleTo(actor)));
  if (!row) throw new NotFoundError("Course not found.");
  const teachers = await db
    .select({ id: users.id, fullName: users.fullName })
    .from(courseTeachers)
    .innerJoin(users, eq(users.id, courseTeachers.userId))
    .where(eq(courseTeachers.courseId, id))
    .orderBy(asc(users.fullName));
  // The attendance needed to sit the exam: the course's own, else its program's (or the institution's).
  const attendanceMinimum = minimumFor(row.minAttendance, (await getThresholds(row.programId)).minAttendance);
  return { ...row, teachers, attendanceMinimum };
}

const courseValues = (input: CourseInput) => ({
  code: input.code.trim(),
  name: input.name.trim(),
  programId: input.programId,
  termId: input.termId,
  credits: input.credits,
  minAttendance: input.minAttendance ?? null,
});

async function assertTeachers(tx: DbOrTx, ids: number[]) {
  if (!ids.length) return;
  const rows = await tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, ids));
  if (rows.length !== new Set(ids).size || rows.some((r) => r.role === "counsellor")) {
    throw new DomainError("Teachers must be faculty or admin accounts.", { teacherIds: ["Choose faculty members"] });
  }
}

export async function createCourse(actor: Actor, input: CourseInput, tx?: DbOrTx) {
  assertCan(actor, "academics.manage");
  const run = async (t: DbOrTx) => {
    await assertTeachers(t, input.teacherIds);
    const [row] = await t.insert(courses).values(courseValues(input)).returning();
    if (input.teacherIds.length) await t.insert(courseTeachers).values([...new Set(input.teacherIds)].map((userId) => ({ courseId: row.id, userId })));
    await recordAudit(t, actor, "create", "course", row.id, null, { ...row, teacherIds: input.teacherIds });
    return row;
  };
  return withTx(tx, run);
}

export async function updateCourse(actor: Actor, id: number, input: CourseInput) {
  assertCan(actor, "academics.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(courses).where(eq(courses.id, id));
    if (!before) throw new NotFoundError("Course not found.");
    await assertTeachers(tx, input.teacherIds);
    const beforeTeachers = (await tx.select({ userId: courseTeachers.userId }).from(courseTeachers).where(eq(courseTeachers.courseId, id))).map(
      (r) => r.userId,
    );
    const [after] = await tx.update(courses).set(courseValues(input)).where(eq(courses.id, id)).returning();
    await tx.delete(courseTeachers).where(eq(courseTeachers.courseId, id));
    if (input.teacherIds.length) await tx.insert(courseTeachers).values([...new Set(input.teacherIds)].map((userId) => ({ courseId: id, userId })));
    await recordAudit(tx, actor, "update", "course", id, { ...before, teacherIds: beforeTeachers }, { ...after, teacherIds: input.teacherIds });
    // Another program (its thresholds, scale, counting of days) or another attendance minimum
    // changes whom the rules flag: apply it now, in the same transaction.
    if (before.minAttendance !== after.minAttendance || before.programId !== after.programId) {
      const pairs = await tx.select({ candidateId: enrolments.candidateId, courseId: enrolments.courseId }).from(enrolments).where(eq(enrolments.courseId, id));
      await refreshResults(tx, pairs);
    }
    return after;
  });
}

export async function deleteCourse(actor: Actor, id: number) {
  assertCan(actor, "academics.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(courses).where(eq(courses.id, id));
    if (!before) throw new NotFoundError("Course not found.");
    const [{ n }] = await tx.select({ n: count() }).from(assessments).where(eq(assessments.courseId, id));
    const [{ e }] = await tx.select({ e: count() }).from(enrolments).where(eq(enrolments.courseId, id));
    if (n || e) throw new DomainError(`${before.code} has ${n} assessment(s) and ${e} enrolment(s); it cannot be deleted. Marks are never thrown away.`);
    await tx.delete(courses).where(eq(courses.id, id));
    await recordAudit(tx, actor, "delete", "course", id, before, null);
  });
}

export async function listCourseOptions(actor: Actor) {
  return db
    .select({ id: courses.id, code: courses.code, name: courses.name, termName: terms.name })
    .from(courses)
    .innerJoin(terms, eq(terms.id, courses.termId))
    .where(coursesVisibleTo(actor))
    .orderBy(desc(terms.startsOn), asc(courses.code));
}
