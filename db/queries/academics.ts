import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, type DbOrTx } from "@/db/client";
import {
  assessments,
  courseTeachers,
  courses,
  enrollments,
  gradeBands,
  gradingScales,
  programs,
  terms,
  thresholds,
  users,
  candidates,
} from "@/db/schema";
import { DEFAULT_BANDS, validateBands, type GradeBand } from "@/lib/results/grades";
import { DEFAULT_THRESHOLDS, type Thresholds } from "@/lib/alerts/rules";
import { likePattern, type ListParams, type Page } from "@/lib/list";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { coursesVisibleTo } from "./scope";

// ——— Programs ———

export type ProgramInput = { code: string; name: string; durationMonths?: number | null; gradingScaleId?: number | null };

export async function listPrograms() {
  return db
    .select({
      id: programs.id,
      code: programs.code,
      name: programs.name,
      durationMonths: programs.durationMonths,
      gradingScaleId: programs.gradingScaleId,
      candidates: sql<number>`(select count(*) from ${candidates} where ${candidates.programId} = ${programs.id})`,
      courses: sql<number>`(select count(*) from ${courses} where ${courses.programId} = ${programs.id})`,
    })
    .from(programs)
    .orderBy(asc(programs.code));
}

export async function createProgram(actor: Actor, input: ProgramInput, tx?: DbOrTx) {
  assertCan(actor, "academics.manage");
  const run = async (t: DbOrTx) => {
    const [row] = await t
      .insert(programs)
      .values({ code: input.code.trim(), name: input.name.trim(), durationMonths: input.durationMonths ?? null, gradingScaleId: input.gradingScaleId ?? null })
      .returning();
    await recordAudit(t, actor, "create", "program", row.id, null, row);
    return row;
  };
  return tx ? run(tx) : db.transaction(run);
}

export async function updateProgram(actor: Actor, id: number, input: ProgramInput) {
  assertCan(actor, "academics.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(programs).where(eq(programs.id, id));
    if (!before) throw new NotFoundError("Program not found.");
    const [after] = await tx
      .update(programs)
      .set({ code: input.code.trim(), name: input.name.trim(), durationMonths: input.durationMonths ?? null, gradingScaleId: input.gradingScaleId ?? null })
      .where(eq(programs.id, id))
      .returning();
    await recordAudit(tx, actor, "update", "program", id, before, after);
    return after;
  });
}

export async function deleteProgram(actor: Actor, id: number) {
  assertCan(actor, "academics.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(programs).where(eq(programs.id, id));
    if (!before) throw new NotFoundError("Program not found.");
    const [{ n: nCourses }] = await tx.select({ n: count() }).from(courses).where(eq(courses.programId, id));
    const [{ n: nCandidates }] = await tx.select({ n: count() }).from(candidates).where(eq(candidates.programId, id));
    if (nCourses || nCandidates) {
      throw new DomainError(`${before.code} still has ${nCourses} course(s) and ${nCandidates} candidate(s). Move or remove them first.`);
    }
    await tx.delete(programs).where(eq(programs.id, id));
    await recordAudit(tx, actor, "delete", "program", id, before, null);
  });
}

// ——— Terms ———

export type TermInput = { name: string; startsOn: string; endsOn: string };

export async function listTerms() {
  return db.select().from(terms).orderBy(desc(terms.startsOn));
}

export async function createTerm(actor: Actor, input: TermInput, tx?: DbOrTx) {
  assertCan(actor, "academics.manage");
  if (input.endsOn < input.startsOn) throw new DomainError("The term must end after it starts.", { endsOn: ["Must be after the start date"] });
  const run = async (t: DbOrTx) => {
    const [row] = await t.insert(terms).values({ name: input.name.trim(), startsOn: input.startsOn, endsOn: input.endsOn }).returning();
    await recordAudit(t, actor, "create", "term", row.id, null, row);
    return row;
  };
  return tx ? run(tx) : db.transaction(run);
}

export async function updateTerm(actor: Actor, id: number, input: TermInput) {
  assertCan(actor, "academics.manage");
  if (input.endsOn < input.startsOn) throw new DomainError("The term must end after it starts.", { endsOn: ["Must be after the start date"] });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(terms).where(eq(terms.id, id));
    if (!before) throw new NotFoundError("Term not found.");
    const [after] = await tx.update(terms).set({ name: input.name.trim(), startsOn: input.startsOn, endsOn: input.endsOn }).where(eq(terms.id, id)).returning();
    await recordAudit(tx, actor, "update", "term", id, before, after);
    return after;
  });
}

/** Locking makes a term's marks final. Unlocking needs a reason, kept in the audit trail. */
export async function setTermLocked(actor: Actor, id: number, locked: boolean, reason?: string) {
  assertCan(actor, locked ? "academics.manage" : "terms.unlock");
  if (!locked && !reason?.trim()) throw new DomainError("Say why the term is being unlocked.", { reason: ["Give a reason for unlocking"] });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(terms).where(eq(terms.id, id));
    if (!before) throw new NotFoundError("Term not found.");
    if (before.locked === locked) return before;
    const [after] = await tx
      .update(terms)
      .set({ locked, lockedAt: locked ? new Date() : null, lockedBy: locked ? actor.id || null : null })
      .where(eq(terms.id, id))
      .returning();
    await recordAudit(tx, actor, locked ? "lock" : "unlock", "term", id, { locked: before.locked }, { locked, ...(reason ? { reason: reason.trim() } : {}) });
    return after;
  });
}

// ——— Courses ———

export type CourseInput = { code: string; name: string; programId: number; termId: number; credits: number; teacherIds: number[] };

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

const COURSE_SORTS: Record<string, SQL | AnySQLiteColumn> = {
  code: courses.code,
  name: courses.name,
  program: programs.code,
  term: terms.startsOn,
  enrolled: sql`enrolled`,
};

export async function listCourses(actor: Actor, params: ListParams, filters: { programId?: number; termId?: number; mine?: boolean } = {}): Promise<Page<CourseRow>> {
  assertCan(actor, "courses.read");
  const where: (SQL | undefined)[] = [coursesVisibleTo(actor)];
  if (params.q) {
    const p = likePattern(params.q);
    where.push(sql`(${courses.code} like ${p} escape '\\' or ${courses.name} like ${p} escape '\\')`);
  }
  if (filters.programId) where.push(eq(courses.programId, filters.programId));
  if (filters.termId) where.push(eq(courses.termId, filters.termId));
  if (filters.mine) where.push(sql`exists (select 1 from ${courseTeachers} where ${courseTeachers.courseId} = ${courses.id} and ${courseTeachers.userId} = ${actor.id})`);
  const cond = and(...where.filter(Boolean));
  const sortCol = COURSE_SORTS[params.sort ?? "code"] ?? courses.code;
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
        teachers: sql<string | null>`(select group_concat(${users.fullName}, ', ') from ${courseTeachers} join ${users} on ${users.id} = ${courseTeachers.userId} where ${courseTeachers.courseId} = ${courses.id})`,
        enrolled: sql<number>`(select count(*) from ${enrollments} where ${enrollments.courseId} = ${courses.id} and ${enrollments.status} = 'active')`.as("enrolled"),
        assessmentCount: sql<number>`(select count(*) from ${assessments} where ${assessments.courseId} = ${courses.id} and ${assessments.archived} = 0)`,
      })
      .from(courses)
      .innerJoin(programs, eq(programs.id, courses.programId))
      .innerJoin(terms, eq(terms.id, courses.termId))
      .where(cond)
      .orderBy(params.dir === "desc" ? desc(sortCol) : asc(sortCol), asc(courses.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db
      .select({ n: count() })
      .from(courses)
      .where(cond),
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
  return { ...row, teachers };
}

async function assertTeachers(tx: DbOrTx, ids: number[]) {
  if (!ids.length) return;
  const rows = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(inArray(users.id, ids));
  if (rows.length !== new Set(ids).size || rows.some((r) => r.role === "counsellor")) {
    throw new DomainError("Teachers must be faculty or admin accounts.", { teacherIds: ["Choose faculty members"] });
  }
}

export async function createCourse(actor: Actor, input: CourseInput, tx?: DbOrTx) {
  assertCan(actor, "academics.manage");
  const run = async (t: DbOrTx) => {
    await assertTeachers(t, input.teacherIds);
    const [row] = await t
      .insert(courses)
      .values({ code: input.code.trim(), name: input.name.trim(), programId: input.programId, termId: input.termId, credits: input.credits })
      .returning();
    if (input.teacherIds.length) await t.insert(courseTeachers).values([...new Set(input.teacherIds)].map((userId) => ({ courseId: row.id, userId })));
    await recordAudit(t, actor, "create", "course", row.id, null, { ...row, teacherIds: input.teacherIds });
    return row;
  };
  return tx ? run(tx) : db.transaction(run);
}

export async function updateCourse(actor: Actor, id: number, input: CourseInput) {
  assertCan(actor, "academics.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(courses).where(eq(courses.id, id));
    if (!before) throw new NotFoundError("Course not found.");
    await assertTeachers(tx, input.teacherIds);
    const beforeTeachers = (await tx.select({ userId: courseTeachers.userId }).from(courseTeachers).where(eq(courseTeachers.courseId, id))).map((r) => r.userId);
    const [after] = await tx
      .update(courses)
      .set({ code: input.code.trim(), name: input.name.trim(), programId: input.programId, termId: input.termId, credits: input.credits })
      .where(eq(courses.id, id))
      .returning();
    await tx.delete(courseTeachers).where(eq(courseTeachers.courseId, id));
    if (input.teacherIds.length) await tx.insert(courseTeachers).values([...new Set(input.teacherIds)].map((userId) => ({ courseId: id, userId })));
    await recordAudit(tx, actor, "update", "course", id, { ...before, teacherIds: beforeTeachers }, { ...after, teacherIds: input.teacherIds });
    return after;
  });
}

export async function deleteCourse(actor: Actor, id: number) {
  assertCan(actor, "academics.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(courses).where(eq(courses.id, id));
    if (!before) throw new NotFoundError("Course not found.");
    const [{ n }] = await tx.select({ n: count() }).from(assessments).where(eq(assessments.courseId, id));
    const [{ e }] = await tx.select({ e: count() }).from(enrollments).where(eq(enrollments.courseId, id));
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

// ——— Grading scales ———

/** The default scale's bands (the institution's), created with the standard bands if missing. */
export async function getDefaultScale(tx: DbOrTx = db): Promise<{ id: number; name: string; bands: GradeBand[] }> {
  let [scale] = await tx.select().from(gradingScales).where(eq(gradingScales.isDefault, true));
  if (!scale) {
    [scale] = await tx.insert(gradingScales).values({ name: "Standard", isDefault: true }).returning();
    await tx.insert(gradeBands).values(DEFAULT_BANDS.map((b) => ({ scaleId: scale.id, ...b })));
  }
  const bands = await tx
    .select({ minPercent: gradeBands.minPercent, letter: gradeBands.letter, gradePoints: gradeBands.gradePoints })
    .from(gradeBands)
    .where(eq(gradeBands.scaleId, scale.id))
    .orderBy(desc(gradeBands.minPercent));
  return { id: scale.id, name: scale.name, bands };
}

export async function listScales() {
  const scales = await db.select().from(gradingScales).orderBy(desc(gradingScales.isDefault), asc(gradingScales.name));
  const bands = await db.select().from(gradeBands).orderBy(desc(gradeBands.minPercent));
  return scales.map((s) => ({ ...s, bands: bands.filter((b) => b.scaleId === s.id) }));
}

/** The bands that grade a course: its program's scale, else the institution's default. */
export async function bandsForProgram(programId: number | null, tx: DbOrTx = db): Promise<GradeBand[]> {
  if (programId) {
    const rows = await tx
      .select({ minPercent: gradeBands.minPercent, letter: gradeBands.letter, gradePoints: gradeBands.gradePoints })
      .from(programs)
      .innerJoin(gradeBands, eq(gradeBands.scaleId, programs.gradingScaleId))
      .where(eq(programs.id, programId));
    if (rows.length) return rows;
  }
  return (await getDefaultScale(tx)).bands;
}

export async function saveScale(actor: Actor, input: { id?: number; name: string; bands: GradeBand[]; isDefault?: boolean }) {
  assertCan(actor, "settings.manage");
  const problems = validateBands(input.bands);
  if (problems.length) throw new DomainError(problems[0], { bands: problems });
  return db.transaction(async (tx) => {
    let scaleId = input.id;
    let before: unknown = null;
    if (scaleId) {
      const [s] = await tx.select().from(gradingScales).where(eq(gradingScales.id, scaleId));
      if (!s) throw new NotFoundError("Grading scale not found.");
      before = { ...s, bands: await tx.select().from(gradeBands).where(eq(gradeBands.scaleId, scaleId)) };
      await tx.update(gradingScales).set({ name: input.name.trim() }).where(eq(gradingScales.id, scaleId));
      await tx.delete(gradeBands).where(eq(gradeBands.scaleId, scaleId));
    } else {
      const [s] = await tx.insert(gradingScales).values({ name: input.name.trim(), isDefault: !!input.isDefault }).returning();
      scaleId = s.id;
    }
    await tx.insert(gradeBands).values(input.bands.map((b) => ({ scaleId: scaleId!, minPercent: b.minPercent, letter: b.letter.trim(), gradePoints: b.gradePoints ?? null })));
    await recordAudit(tx, actor, input.id ? "update" : "create", "grading_scale", scaleId, before as object | null, { name: input.name, bands: input.bands });
    return scaleId;
  });
}

// ——— Thresholds ———

export async function getThresholds(programId: number | null, tx: DbOrTx = db): Promise<Thresholds & { programId: number | null; inherited: boolean }> {
  const rows = await tx
    .select()
    .from(thresholds)
    .where(programId ? sql`${thresholds.programId} = ${programId} or ${thresholds.programId} is null` : isNull(thresholds.programId));
  const own = rows.find((r) => r.programId === programId && programId !== null);
  const base = rows.find((r) => r.programId === null);
  const pick = own ?? base;
  const t: Thresholds = pick
    ? { passMark: pick.passMark, atRiskMark: pick.atRiskMark, minAttendance: pick.minAttendance, suddenDropPoints: pick.suddenDropPoints, missingCount: pick.missingCount }
    : DEFAULT_THRESHOLDS;
  return { ...t, programId, inherited: !own };
}

export async function listThresholds() {
  const rows = await db.select().from(thresholds);
  return rows;
}

export async function saveThresholds(actor: Actor, programId: number | null, t: Thresholds) {
  assertCan(actor, "settings.manage");
  if (t.atRiskMark < t.passMark) throw new DomainError("The at-risk mark cannot be below the pass mark.", { atRiskMark: ["Must be at least the pass mark"] });
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(thresholds).where(programId ? eq(thresholds.programId, programId) : isNull(thresholds.programId));
    if (before) await tx.update(thresholds).set(t).where(eq(thresholds.id, before.id));
    else await tx.insert(thresholds).values({ programId, ...t });
    await recordAudit(tx, actor, "update", "thresholds", programId ?? "default", before ?? null, { programId, ...t });
    // New thresholds can raise or resolve alerts: apply them now, in the same transaction.
    const { reevaluateAlerts } = await import("./alerts");
    await reevaluateAlerts(tx, programId);
  });
}

export async function clearProgramThresholds(actor: Actor, programId: number) {
  assertCan(actor, "settings.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(thresholds).where(eq(thresholds.programId, programId));
    if (!before) return;
    await tx.delete(thresholds).where(and(eq(thresholds.id, before.id)));
    await recordAudit(tx, actor, "delete", "thresholds", programId, before, null);
    const { reevaluateAlerts } = await import("./alerts");
    await reevaluateAlerts(tx, programId);
  });
}
