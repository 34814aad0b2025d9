import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments, attendance, attendanceSessions, candidates as candidatesTable, courseResults, courses, enrolments, marks, terms } from "@/db/schema";
import {
  fromCounts,
  computeOverall,
  assessmentTrend,
  evaluateCourse,
  visibleAssessments,
  type AssessmentInput,
  type Audience,
  type MarkInput,
} from "@/lib/results";
import { schemesFor } from "./schemes";
import { refreshResults } from "../refresh";
import { bandsForProgram } from "./grading";

// Results read with no acting user: recomputation, report batches and the result page behind
// a resolved link. Nothing here scopes, so pages and route handlers may not import this module
// (eslint: no-restricted-imports); staff reads go through ../results, which take the actor.

/** The course's assessments as lib/results wants them (archived ones no longer count). */
export async function courseAssessments(tx: DbOrTx, courseId: number): Promise<AssessmentInput[]> {
  return tx
    .select({
      id: assessments.id,
      name: assessments.name,
      maxScore: assessments.maxScore,
      weight: assessments.weight,
      published: assessments.published,
      dueOn: assessments.dueOn,
      position: assessments.position,
    })
    .from(assessments)
    .where(and(eq(assessments.courseId, courseId), eq(assessments.archived, false)))
    .orderBy(asc(assessments.position), asc(assessments.id));
}

export async function candidateMarks(tx: DbOrTx, candidateId: number, assessmentIds: number[]): Promise<MarkInput[]> {
  if (!assessmentIds.length) return [];
  return tx
    .select({ assessmentId: marks.assessmentId, score: marks.score, status: marks.status })
    .from(marks)
    .where(and(eq(marks.candidateId, candidateId), inArray(marks.assessmentId, assessmentIds)));
}

export async function candidateAttendance(tx: DbOrTx, candidateId: number, courseId: number) {
  return tx
    .select({ status: attendance.status })
    .from(attendance)
    .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
    .where(and(eq(attendance.candidateId, candidateId), eq(attendanceSessions.courseId, courseId)));
}

/** Recomputes every enrolled candidate of a course (after weights or assessments change). */
export async function recomputeCourse(tx: DbOrTx, courseId: number) {
  const rows = await tx.select({ candidateId: enrolments.candidateId }).from(enrolments).where(eq(enrolments.courseId, courseId));
  await refreshResults(
    tx,
    rows.map((r) => ({ candidateId: r.candidateId, courseId })),
  );
  return rows.length;
}

/**
 * Shared by many loadCandidateResults calls in one piece of work (a batch of reports): each
 * course's assessments and each program's grade bands are read once, not per candidate.
 */
export type ResultsCache = { assessments: Map<number, AssessmentRow[]>; bands: Map<number, Awaited<ReturnType<typeof bandsForProgram>>> };
export const newResultsCache = (): ResultsCache => ({ assessments: new Map(), bands: new Map() });

type AssessmentRow = {
  id: number;
  courseId: number;
  name: string;
  maxScore: number;
  weight: number;
  published: boolean;
  released: boolean;
  componentKey: string | null;
  neverDrop: boolean;
  kind: string;
  dueOn: string | null;
  position: number;
};

async function assessmentsOf(tx: DbOrTx, courseIds: number[], cache: ResultsCache): Promise<AssessmentRow[]> {
  const missing = courseIds.filter((id) => !cache.assessments.has(id));
  if (missing.length) {
    const rows = await tx
      .select({
        id: assessments.id,
        courseId: assessments.courseId,
        name: assessments.name,
        maxScore: assessments.maxScore,
        weight: assessments.weight,
        published: assessments.published,
        released: assessments.released,
        componentKey: assessments.componentKey,
        neverDrop: assessments.neverDrop,
        kind: assessments.kind,
        dueOn: assessments.dueOn,
        position: assessments.position,
      })
      .from(assessments)
      .where(and(inArray(assessments.courseId, missing), eq(assessments.archived, false)))
      .orderBy(asc(assessments.position), asc(assessments.id));
    for (const id of missing) cache.assessments.set(id, []);
    for (const r of rows) cache.assessments.get(r.courseId)!.push(r);
  }
  return courseIds.flatMap((id) => cache.assessments.get(id)!);
}

/**
 * Everything the candidate page, the report email and the result page show, from one place,
 * each course computed under its scheme. `courses` is a where-clause over `courses` naming the
 * ones wanted (the caller's scope); without it, every course the candidate is enrolled in.
 * `audience: "parents"` computes from released, published assessments only (the result page
 * and emails); staff see everything.
 */
export async function loadCandidateResults(tx: DbOrTx, candidateId: number, opts: { audience?: Audience; courses?: SQL; cache?: ResultsCache } = {}) {
  const audience = opts.audience ?? "staff";
  const cache = opts.cache ?? newResultsCache();
  const wanted = await tx
    .select({
      courseId: courses.id,
      code: courses.code,
      name: courses.name,
      credits: courses.credits,
      programId: courses.programId,
      termId: terms.id,
      termName: terms.name,
      termStartsOn: terms.startsOn,
      status: enrolments.status,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(terms, eq(terms.id, courses.termId))
    .where(and(eq(enrolments.candidateId, candidateId), opts.courses))
    .orderBy(sql`${terms.startsOn} desc`, asc(courses.code));

  // A handful of set-based reads for all the candidate's courses, then lib/results.
  const courseIds = wanted.map((c) => c.courseId);
  const allAssessments = courseIds.length ? await assessmentsOf(tx, courseIds, cache) : [];
  const ids = allAssessments.map((a) => a.id);
  const allMarks = ids.length
    ? await tx
        .select({ assessmentId: marks.assessmentId, score: marks.score, status: marks.status, feedback: marks.feedback, markId: marks.id })
        .from(marks)
        .where(and(eq(marks.candidateId, candidateId), inArray(marks.assessmentId, ids)))
    : [];
  // Counted in SQL: a candidate has ~40 sessions per course, the arithmetic needs four numbers.
  const attendanceCounts = courseIds.length
    ? await tx
        .select({ courseId: attendanceSessions.courseId, status: attendance.status, n: sql<number>`count(*)` })
        .from(attendance)
        .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
        .where(and(eq(attendance.candidateId, candidateId), inArray(attendanceSessions.courseId, courseIds)))
        .groupBy(attendanceSessions.courseId, attendance.status)
    : [];
  const countsBy = new Map<number, { present: number; late: number; absent: number; excused: number; sessions: number }>();
  for (const r of attendanceCounts) {
    const c = countsBy.get(r.courseId) ?? { present: 0, late: 0, absent: 0, excused: 0, sessions: 0 };
    c[r.status] += Number(r.n);
    c.sessions += Number(r.n);
    countsBy.set(r.courseId, c);
  }
  for (const programId of new Set(wanted.map((c) => c.programId)))
    if (!cache.bands.has(programId)) cache.bands.set(programId, await bandsForProgram(programId, tx));
  const bandsByProgram = cache.bands;
  const schemes = await schemesFor(tx, courseIds);
  const marksBy = new Map<number, typeof allMarks>();
  const assessmentIdsOf = new Map<number, number>();
  for (const a of allAssessments) assessmentIdsOf.set(a.id, a.courseId);
  for (const m of allMarks) {
    const courseId = assessmentIdsOf.get(m.assessmentId)!;
    const list = marksBy.get(courseId);
    if (list) list.push(m);
    else marksBy.set(courseId, [m]);
  }

  const out = [];
  for (const c of wanted) {
    const all = allAssessments.filter((a) => a.courseId === c.courseId);
    const list = visibleAssessments(all, audience);
    const shownIds = new Set(list.map((a) => a.id));
    const detailed = (marksBy.get(c.courseId) ?? []).filter((m) => shownIds.has(m.assessmentId));
    const att = fromCounts(countsBy.get(c.courseId) ?? { present: 0, late: 0, absent: 0, excused: 0, sessions: 0 });
    const effective = schemes.get(c.courseId)!;
    const bands = bandsByProgram.get(c.programId);
    const {
      result,
      scheme: schemeResult,
      grade,
    } = evaluateCourse({ scheme: effective.scheme, assessments: list, marks: detailed, attendanceRate: att.rate, bands });
    out.push({
      ...c,
      assessments: list,
      marks: detailed,
      result,
      grade,
      attendance: att,
      attendanceRate: att.rate,
      trend: assessmentTrend(list, detailed),
      scheme: effective.scheme,
      schemeVersion: effective.version,
      schemeResult,
      bands: bands ?? [],
      /** Assessments held back from this audience (published but not released to parents). */
      held: all.filter((a) => a.published).length - list.filter((a) => a.published).length,
    });
  }
  const terms_ = new Map<number, { termId: number; termName: string; courses: typeof out }>();
  for (const c of out) {
    const t = terms_.get(c.termId) ?? { termId: c.termId, termName: c.termName, courses: [] };
    t.courses.push(c);
    terms_.set(c.termId, t);
  }
  const byTerm = [...terms_.values()].map((t) => ({
    ...t,
    overall: computeOverall(t.courses.map(overallInput)),
  }));
  const overall = computeOverall(out.map(overallInput));
  return { courses: out, terms: byTerm, overall };
}

export type CandidateResults = Awaited<ReturnType<typeof loadCandidateResults>>;

/**
 * What a course adds to the term's and the overall percentage: under the default weighted
 * mean its exact percentage (as always); under a saved scheme the reported figure, because the
 * scheme's rounded marks are the result (a course of 28.5 → 29 / 40 counts as 72.5 %, not 71.25 %).
 */
function overallInput(c: { courseId: number; credits: number; schemeVersion: number | null; result: { percent: number | null; shown: number | null } }) {
  return { courseId: c.courseId, credits: c.credits, percent: c.schemeVersion === null ? c.result.percent : c.result.shown };
}

/**
 * A fingerprint of everything a candidate's result page shows: it changes whenever a mark,
 * attendance record, enrolment, the candidate, the grading scale or the branding changes.
 */
export async function resultsVersion(tx: DbOrTx, candidateId: number): Promise<string> {
  const [row] = await tx
    .select({
      v: sql<string>`(select ifnull(max(${courseResults.updatedAt}), 0) from ${courseResults} where ${courseResults.candidateId} = ${candidateId})
        || ':' || (select count(*) || '-' || ifnull(max(${enrolments.updatedAt}), 0) from ${enrolments} where ${enrolments.candidateId} = ${candidateId})
        || ':' || (select ${candidatesTable.updatedAt} from ${candidatesTable} where ${candidatesTable.id} = ${candidateId})
        || ':' || (select ifnull(max(updated_at), 0) from institution_settings)
        || ':' || (select ifnull(max(updated_at), 0) from grade_bands)
        || ':' || (select ifnull(max(updated_at), 0) from programs)
        || ':' || (select ifnull(max(updated_at), 0) from assessments where course_id in (select course_id from ${enrolments} where ${enrolments.candidateId} = ${candidateId}))`,
    })
    .from(sql`(select 1)`);
  return row.v;
}
