import "server-only";
import { and, asc, desc, eq, exists, lte, ne, isNull, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { candidates, condonations, courseResults, courseTeachers, courses, enrolments, programs, terms, users } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { DETENTION_REASON_LABELS } from "@/lib/results/eligibility";
import { DETENTION_SORTS, type DetentionFilters } from "@/lib/filters/eligibility";
import { assertCandidateVisible, teaches } from "./scope";
import { belowSomeMinimum, judgePairs, type EligibilityStatus } from "./internal/eligibility";

// Attendance eligibility as staff read it (issue 14): the detention list per term, the count
// on a course's page, and a candidate's courses on their page. Admins and counsellors see
// every course; faculty the courses they teach. The verdicts come from ./internal/eligibility.

/** The courses whose eligibility an actor may read: a where-clause over `courses`. */
export function eligibilityCourses(actor: Actor): SQL | undefined {
  if (!can(actor.role, "eligibility.read")) return sql`0`;
  if (actor.role !== "faculty") return undefined;
  return exists(
    db
      .select({ one: sql`1` })
      .from(courseTeachers)
      .where(and(eq(courseTeachers.courseId, courses.id), eq(courseTeachers.userId, actor.id))),
  );
}

/** May this actor read (and ask to condone) attendance in this course? Throws if not. */
export async function assertEligibilityAccess(actor: Actor, courseId: number, tx: DbOrTx = db): Promise<void> {
  assertCan(actor, "eligibility.read");
  const [course] = await tx.select({ id: courses.id }).from(courses).where(eq(courses.id, courseId));
  if (!course) throw new NotFoundError("Course not found.");
  if (actor.role === "faculty" && !(await teaches(tx, actor.id, courseId))) throw new ForbiddenError("You do not teach this course.");
}

/** The term a list opens on: the one running today, else the latest that has started, else the first. */
export async function currentTerm(tx: DbOrTx = db): Promise<{ id: number; name: string } | null> {
  const today = new Date().toISOString().slice(0, 10);
  const [running] = await tx
    .select({ id: terms.id, name: terms.name })
    .from(terms)
    .where(and(lte(terms.startsOn, today), sql`${terms.endsOn} >= ${today}`))
    .orderBy(desc(terms.startsOn))
    .limit(1);
  if (running) return running;
  const [started] = await tx.select({ id: terms.id, name: terms.name }).from(terms).where(lte(terms.startsOn, today)).orderBy(desc(terms.startsOn)).limit(1);
  if (started) return started;
  const [any] = await tx.select({ id: terms.id, name: terms.name }).from(terms).orderBy(asc(terms.startsOn)).limit(1);
  return any ?? null;
}

/** Terms for the list's filter, newest first. */
export async function eligibilityTermOptions(actor: Actor) {
  assertCan(actor, "eligibility.read");
  return db.select({ id: terms.id, name: terms.name }).from(terms).orderBy(desc(terms.startsOn));
}

/** The courses of a term the actor may read, for the list's filter. */
export async function eligibilityCourseOptions(actor: Actor, termId: number) {
  assertCan(actor, "eligibility.read");
  return db
    .select({ id: courses.id, code: courses.code, name: courses.name })
    .from(courses)
    .where(and(eq(courses.termId, termId), eligibilityCourses(actor)))
    .orderBy(asc(courses.code));
}

export type DetentionRow = {
  candidateId: number;
  candidateName: string;
  candidateNumber: string;
  courseId: number;
  courseCode: string;
  courseName: string;
  programCode: string;
  /** The attendance rate as shown (one decimal, in %). */
  shown: number | null;
  minimum: number;
  condonableFrom: number;
  status: EligibilityStatus;
  reason: string;
  detention: NonNullable<DetentionFilters["reason"]>;
  reasonLabel: string;
  /** The latest condonation request for the course (null: none). */
  condonationId: number | null;
};

/** Everyone of the term who may not sit a course's exam (attendance), filtered and sorted; unpaged. */
async function detentions(
  actor: Actor,
  params: Pick<ListParams, "q" | "sort" | "dir">,
  f: DetentionFilters,
): Promise<{ rows: DetentionRow[]; termId: number | null }> {
  assertCan(actor, "eligibility.read");
  const termId = f.termId ?? (await currentTerm())?.id ?? null;
  if (termId === null) return { rows: [], termId };
  const where: (SQL | undefined)[] = [
    eq(courses.termId, termId),
    eligibilityCourses(actor),
    ne(enrolments.status, "dropped"),
    ne(candidates.status, "withdrawn"),
    isNull(candidates.erasedAt),
    await belowSomeMinimum(db),
  ];
  if (f.courseId) where.push(eq(courses.id, f.courseId));
  if (f.programId) where.push(eq(courses.programId, f.programId));
  if (params.q) {
    const like = likePattern(params.q);
    where.push(
      sql`(${candidates.fullName} like ${like} escape '\\' or ${candidates.candidateNumber} like ${like} escape '\\' or ${courses.code} like ${like} escape '\\' or ${courses.name} like ${like} escape '\\')`,
    );
  }
  const pairs = await db
    .select({
      candidateId: candidates.id,
      candidateName: candidates.fullName,
      candidateNumber: candidates.candidateNumber,
      courseId: courses.id,
      courseCode: courses.code,
      courseName: courses.name,
      programId: courses.programId,
      programCode: programs.code,
      termId: courses.termId,
      rate: courseResults.attendanceRate,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(programs, eq(programs.id, courses.programId))
    .innerJoin(candidates, eq(candidates.id, enrolments.candidateId))
    .innerJoin(courseResults, and(eq(courseResults.candidateId, enrolments.candidateId), eq(courseResults.courseId, enrolments.courseId)))
    .where(and(...where));
  const rows: DetentionRow[] = [];
  for (const j of await judgePairs(db, pairs)) {
    if (j.maySit || !j.detention || !j.reason) continue;
    if (f.reason && j.detention !== f.reason) continue;
    rows.push({
      candidateId: j.candidateId,
      candidateName: j.candidateName,
      candidateNumber: j.candidateNumber,
      courseId: j.courseId,
      courseCode: j.courseCode,
      courseName: j.courseName,
      programCode: j.programCode,
      shown: j.shown,
      minimum: j.policy.minimum,
      condonableFrom: j.policy.condonableFrom,
      status: j.status,
      reason: j.reason,
      detention: j.detention,
      reasonLabel: DETENTION_REASON_LABELS[j.detention],
      condonationId: j.latest?.id ?? null,
    });
  }
  const key = sortKey(DETENTION_SORTS, params.sort, "candidate");
  const byName = (a: DetentionRow, b: DetentionRow) => a.candidateName.localeCompare(b.candidateName) || a.candidateId - b.candidateId;
  const compare: Record<typeof key, (a: DetentionRow, b: DetentionRow) => number> = {
    candidate: (a, b) => byName(a, b) || a.courseCode.localeCompare(b.courseCode),
    course: (a, b) => a.courseCode.localeCompare(b.courseCode) || byName(a, b),
    rate: (a, b) => (a.shown ?? -1) - (b.shown ?? -1),
    reason: (a, b) => a.reasonLabel.localeCompare(b.reasonLabel),
  };
  const sign = params.dir === "desc" ? -1 : 1;
  // Ties fall back to candidate then course, in the same order whatever the direction.
  rows.sort((a, b) => sign * compare[key](a, b) || byName(a, b) || a.courseCode.localeCompare(b.courseCode));
  return { rows, termId };
}

/** The detention list of a term (default: the current one), a page at a time; the total counts every row the filters keep. */
export async function listDetentions(actor: Actor, params: ListParams, f: DetentionFilters = {}): Promise<Page<DetentionRow> & { termId: number | null }> {
  const { rows, termId } = await detentions(actor, params, f);
  const start = (params.page - 1) * params.size;
  return { rows: rows.slice(start, start + params.size), total: rows.length, page: params.page, size: params.size, termId };
}

/** The whole filtered list, in the screen's order, for the CSV export. */
export async function exportDetentions(actor: Actor, params: Pick<ListParams, "q" | "sort" | "dir">, f: DetentionFilters = {}) {
  return detentions(actor, params, f);
}

/** How many of a course's candidates may not sit its exam for attendance (the note on the course's pages). */
export async function detainedInCourse(actor: Actor, courseId: number): Promise<{ count: number; termId: number }> {
  await assertEligibilityAccess(actor, courseId);
  const [course] = await db.select({ termId: courses.termId }).from(courses).where(eq(courses.id, courseId));
  const { rows } = await detentions(actor, { dir: "asc" }, { termId: course.termId, courseId });
  return { count: rows.length, termId: course.termId };
}

/**
 * A candidate's attendance per course with the verdict, newest term first, and their
 * condonation requests: the candidate page's attendance section. Courses the actor may read.
 */
export async function candidateEligibility(actor: Actor, candidateId: number) {
  assertCan(actor, "eligibility.read");
  await assertCandidateVisible(actor, candidateId);
  const pairs = await db
    .select({
      candidateId: enrolments.candidateId,
      courseId: courses.id,
      courseCode: courses.code,
      courseName: courses.name,
      programId: courses.programId,
      termId: courses.termId,
      termName: terms.name,
      termLocked: terms.locked,
      rate: courseResults.attendanceRate,
      enrolment: enrolments.status,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(terms, eq(terms.id, courses.termId))
    .leftJoin(courseResults, and(eq(courseResults.candidateId, enrolments.candidateId), eq(courseResults.courseId, enrolments.courseId)))
    .where(and(eq(enrolments.candidateId, candidateId), ne(enrolments.status, "dropped"), eligibilityCourses(actor)))
    .orderBy(desc(terms.startsOn), asc(courses.code));
  const judged = await judgePairs(db, pairs);
  const mayRequest = can(actor.role, "condonations.request");
  const requester = sql<string | null>`(select ${users.fullName} from ${users} where ${users.id} = ${condonations.requestedBy})`;
  const decider = sql<string | null>`(select ${users.fullName} from ${users} where ${users.id} = ${condonations.decidedBy})`;
  const history = await db
    .select({
      id: condonations.id,
      courseId: condonations.courseId,
      courseCode: courses.code,
      termName: terms.name,
      rateAtRequest: condonations.rateAtRequest,
      reason: condonations.reason,
      documentNote: condonations.documentNote,
      status: condonations.status,
      requestedAt: condonations.requestedAt,
      requestedBy: requester,
      decidedAt: condonations.decidedAt,
      decidedBy: decider,
      decisionNote: condonations.decisionNote,
    })
    .from(condonations)
    .innerJoin(courses, eq(courses.id, condonations.courseId))
    .innerJoin(terms, eq(terms.id, condonations.termId))
    .where(and(eq(condonations.candidateId, candidateId), eligibilityCourses(actor)))
    .orderBy(desc(condonations.id));
  return {
    courses: judged.map((j) => ({
      courseId: j.courseId,
      courseCode: j.courseCode,
      courseName: j.courseName,
      termId: j.termId,
      termName: j.termName,
      shown: j.shown,
      minimum: j.policy.minimum,
      condonableFrom: j.policy.condonableFrom,
      maxCondonations: j.policy.maxCondonations,
      status: j.status,
      reason: j.reason,
      maySit: j.maySit,
      latest: j.latest,
      condonationsUsed: j.condonationsUsed,
      limitReached: j.limitReached,
      /** A request can be made: condonable, none pending, within the limit, and the actor may ask. */
      canRequest: mayRequest && j.status === "condonable" && j.latest?.status !== "requested" && !j.limitReached,
    })),
    history,
  };
}

export type CandidateEligibility = Awaited<ReturnType<typeof candidateEligibility>>;

/** eligibilityForCandidateTerm (./internal/eligibility) for a signed-in reader: the courses of the term they may read. */
export async function candidateTermEligibility(actor: Actor, candidateId: number, termId: number) {
  const all = await candidateEligibility(actor, candidateId);
  return all.courses
    .filter((c) => c.termId === termId)
    .map((c) => ({ courseId: c.courseId, shown: c.shown, status: c.status, reason: c.reason, maySit: c.maySit }));
}
