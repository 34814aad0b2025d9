import "server-only";
import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { candidates, condonations, courseResults, courses, enrolments } from "@/db/schema";
import type { CondonationStatus } from "@/lib/constants";
import { forCourse, judgeAttendance, type DetentionReason, type EligibilityPolicy } from "@/lib/results/eligibility";
import { policiesByProgram } from "./grading";

// Attendance eligibility with no acting user: the verdict for candidate × course pairs, read
// from the stored attendance rate (course_results, kept current by refreshResults under each
// program's way of counting on-duty and medical days), the program's eligibility policy and
// the condonations recorded. The scoped reads in ../eligibility and the grade card use it.

export type EligibilityStatus = "eligible" | "condonable" | "condoned" | "detained";

export type Judged = {
  candidateId: number;
  courseId: number;
  programId: number;
  termId: number;
  /** The stored rate, unrounded (in %), and as shown (one decimal). */
  rate: number | null;
  shown: number | null;
  status: EligibilityStatus;
  /** Why, in words: "below 75 %, not condoned"; null when eligible. */
  reason: string | null;
  /** Why a candidate may not sit, as a key for filters; null when they may. */
  detention: DetentionReason | null;
  /** May sit the end-of-term exam: eligible or condoned. */
  maySit: boolean;
  policy: EligibilityPolicy;
  /** The latest condonation request for this course, if any. */
  latest: { id: number; status: CondonationStatus } | null;
  /** Approved condonations of this candidate over all terms, and whether the policy's limit is reached. */
  condonationsUsed: number;
  limitReached: boolean;
};

export type Pair = { candidateId: number; courseId: number; programId: number; termId: number; rate: number | null };

/** Judges the given pairs: the policy of each course's program, the latest request per pair, approved counts per candidate. */
export async function judgePairs<P extends Pair>(tx: DbOrTx, pairs: P[]): Promise<(P & Judged)[]> {
  if (!pairs.length) return [];
  const policies = await policiesByProgram(tx);
  const courseMinimum = new Map<number, number | null>();
  const courseIds = [...new Set(pairs.map((p) => p.courseId))];
  for (let i = 0; i < courseIds.length; i += 500)
    for (const c of await tx
      .select({ id: courses.id, minAttendance: courses.minAttendance })
      .from(courses)
      .where(inArray(courses.id, courseIds.slice(i, i + 500))))
      courseMinimum.set(c.id, c.minAttendance);
  const latest = new Map<string, { id: number; status: CondonationStatus }>();
  const used = new Map<number, number>();
  const candidateIds = [...new Set(pairs.map((p) => p.candidateId))];
  for (let i = 0; i < candidateIds.length; i += 500) {
    const part = candidateIds.slice(i, i + 500);
    for (const c of await tx
      .select({ id: condonations.id, candidateId: condonations.candidateId, courseId: condonations.courseId, status: condonations.status })
      .from(condonations)
      .where(inArray(condonations.candidateId, part))
      .orderBy(desc(condonations.id))) {
      const key = `${c.candidateId}:${c.courseId}`;
      if (!latest.has(key)) latest.set(key, { id: c.id, status: c.status });
      if (c.status === "approved") used.set(c.candidateId, (used.get(c.candidateId) ?? 0) + 1);
    }
  }
  return pairs.map((p) => {
    const policy = forCourse(policies.of(p.programId).eligibility, courseMinimum.get(p.courseId));
    const last = latest.get(`${p.candidateId}:${p.courseId}`) ?? null;
    const condonationsUsed = used.get(p.candidateId) ?? 0;
    const j = judgeAttendance(p.rate, policy, { latest: last?.status ?? null, condonationsUsed });
    return {
      ...p,
      shown: j.shown,
      status: j.status,
      reason: j.reason,
      detention: j.detention,
      maySit: j.status === "eligible" || j.status === "condoned",
      policy,
      latest: last,
      condonationsUsed,
      limitReached: j.limitReached,
    };
  });
}

/**
 * The enrolments whose eligibility is judged: not dropped, the candidate neither withdrawn nor
 * erased. `where` narrows further (a term, a course, the actor's scope).
 */
export async function enrolledPairs(tx: DbOrTx, where: SQL | undefined): Promise<Pair[]> {
  return tx
    .select({
      candidateId: enrolments.candidateId,
      courseId: courses.id,
      programId: courses.programId,
      termId: courses.termId,
      rate: courseResults.attendanceRate,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(candidates, eq(candidates.id, enrolments.candidateId))
    .leftJoin(courseResults, and(eq(courseResults.candidateId, enrolments.candidateId), eq(courseResults.courseId, enrolments.courseId)))
    .where(and(ne(enrolments.status, "dropped"), ne(candidates.status, "withdrawn"), isNull(candidates.erasedAt), where));
}

/**
 * Each course of a candidate's term: may they sit its exam, and why not. For the grade card
 * (which runs as a job, with no acting user) and the scoped reads of ../eligibility.
 */
export async function eligibilityForCandidateTerm(
  candidateId: number,
  termId: number,
  tx: DbOrTx = db,
): Promise<{ courseId: number; rate: number | null; shown: number | null; status: EligibilityStatus; reason: string | null; maySit: boolean }[]> {
  const pairs = await enrolledPairs(tx, and(eq(enrolments.candidateId, candidateId), eq(courses.termId, termId)));
  return (await judgePairs(tx, pairs)).map((j) => ({
    courseId: j.courseId,
    rate: j.rate,
    shown: j.shown,
    status: j.status,
    reason: j.reason,
    maySit: j.maySit,
  }));
}

/** A pair's current verdict inside a write's transaction (requesting, deciding). */
export async function judgeOne(tx: DbOrTx, candidateId: number, courseId: number): Promise<Judged | null> {
  const pairs = await enrolledPairs(tx, and(eq(enrolments.candidateId, candidateId), eq(enrolments.courseId, courseId)));
  const [j] = await judgePairs(tx, pairs);
  return j ?? null;
}

/**
 * The SQL prefilter of the detention list: a rate below the highest minimum of any program or
 * course. Exact, not an estimate: a rate at or above every minimum is shown at or above it too.
 */
export async function belowSomeMinimum(tx: DbOrTx): Promise<SQL> {
  const { maxMinimum } = await policiesByProgram(tx);
  const [{ top }] = await tx.select({ top: sql<number | null>`max(${courses.minAttendance})` }).from(courses);
  return sql`${courseResults.attendanceRate} < ${Math.max(maxMinimum, top ?? 0)}`;
}
