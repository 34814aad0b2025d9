import "server-only";
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { assessments, attendance, attendanceSessions, candidates as candidatesTable, courseResults, courses, enrolments, marks, terms } from "@/db/schema";
import {
  addCount,
  emptyCounts,
  fromCounts,
  computeOverall,
  assessmentTrend,
  evaluateCourse,
  visibleAssessments,
  type AssessmentInput,
  type AttendanceCounts,
  type AttendancePolicy,
  type Audience,
  type MarkInput,
} from "@/lib/results";
import { courseVerdict, gpaSummary, toPercent } from "@/lib/results/gpa";
import { schemesFor } from "./schemes";
import { refreshResults } from "../refresh";
import { bandsForProgram, getThresholds, loadPolicies, type ProgramGpaPolicy } from "./grading";
import { policyOf } from "@/lib/results/eligibility";

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
 * course's assessments, each program's grade bands and GPA policy, and the terms' order are
 * read once, not per candidate.
 */
export type ResultsCache = {
  assessments: Map<number, AssessmentRow[]>;
  bands: Map<number, Awaited<ReturnType<typeof bandsForProgram>>>;
  policies: Map<number | null, ProgramGpaPolicy>;
  termOrder?: Map<number, number>;
};
export const newResultsCache = (): ResultsCache => ({ assessments: new Map(), bands: new Map(), policies: new Map() });

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
  for (let i = 0; i < missing.length; i += CHUNK) {
    const part = missing.slice(i, i + CHUNK);
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
      .where(and(inArray(assessments.courseId, part), eq(assessments.archived, false)))
      .orderBy(asc(assessments.position), asc(assessments.id));
    for (const id of part) cache.assessments.set(id, []);
    for (const r of rows) cache.assessments.get(r.courseId)!.push(r);
  }
  return courseIds.flatMap((id) => cache.assessments.get(id)!);
}

// Bound parameters per IN list: well under SQLite's limit, and a handful of reads per batch.
const CHUNK = 500;
const chunks = <T>(list: T[]) => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/** Every term's place in time (1 = the earliest): orders repeat attempts and a grade card's history. */
async function termOrderOf(tx: DbOrTx, cache: ResultsCache): Promise<Map<number, number>> {
  if (!cache.termOrder) {
    const rows = await tx.select({ id: terms.id }).from(terms).orderBy(asc(terms.startsOn), asc(terms.id));
    cache.termOrder = new Map(rows.map((r, i) => [r.id, i + 1]));
  }
  return cache.termOrder;
}

/**
 * Everything the candidate page, the report email, the result page and the grade card show,
 * from one place, each course computed under its scheme. `courses` is a where-clause over
 * `courses` naming the ones wanted (the caller's scope); without it, every course the candidate
 * is enrolled in. `audience: "parents"` computes from released, published assessments only
 * (the result page and emails); staff see everything.
 */
export async function loadCandidateResults(tx: DbOrTx, candidateId: number, opts: ResultsOptions = {}) {
  return (await loadResultsFor(tx, [candidateId], opts)).get(candidateId)!;
}

export type ResultsOptions = { audience?: Audience; courses?: SQL; cache?: ResultsCache };

/**
 * loadCandidateResults for many candidates at once (grade cards in bulk): the same rows read
 * with a few set-based queries per 500 candidates instead of a few per candidate, and each
 * candidate computed exactly as loadCandidateResults does (it is this function).
 */
export async function loadResultsFor(tx: DbOrTx, candidateIds: number[], opts: ResultsOptions = {}) {
  const audience = opts.audience ?? "staff";
  const cache = opts.cache ?? newResultsCache();
  const ids = [...new Set(candidateIds)];
  const wantedAll: {
    candidateId: number;
    courseId: number;
    code: string;
    name: string;
    credits: number;
    programId: number;
    termId: number;
    termName: string;
    termStartsOn: string;
    status: (typeof enrolments.$inferSelect)["status"];
  }[] = [];
  const programOf = new Map<number, number | null>();
  for (const part of chunks(ids)) {
    wantedAll.push(
      ...(await tx
        .select({
          candidateId: enrolments.candidateId,
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
        .where(and(inArray(enrolments.candidateId, part), opts.courses))
        .orderBy(sql`${terms.startsOn} desc`, asc(courses.code))),
    );
    for (const r of await tx
      .select({ id: candidatesTable.id, programId: candidatesTable.programId })
      .from(candidatesTable)
      .where(inArray(candidatesTable.id, part)))
      programOf.set(r.id, r.programId);
  }

  // A handful of set-based reads for all the candidates' courses, then lib/results.
  const courseIds = [...new Set(wantedAll.map((c) => c.courseId))];
  const allAssessments = courseIds.length ? await assessmentsOf(tx, courseIds, cache) : [];
  const assessmentIdsOf = new Map<number, number>();
  for (const a of allAssessments) assessmentIdsOf.set(a.id, a.courseId);
  const assessmentsBy = new Map<number, AssessmentRow[]>();
  for (const a of allAssessments) {
    const list = assessmentsBy.get(a.courseId);
    if (list) list.push(a);
    else assessmentsBy.set(a.courseId, [a]);
  }
  type MarkRow = {
    candidateId: number;
    assessmentId: number;
    score: number | null;
    status: (typeof marks.$inferSelect)["status"];
    feedback: string | null;
    markId: number;
  };
  const marksBy = new Map<string, MarkRow[]>();
  const countsBy = new Map<string, Required<AttendanceCounts>>();
  const at = (candidateId: number, courseId: number) => `${candidateId}:${courseId}`;
  if (allAssessments.length) {
    for (const part of chunks(ids)) {
      // One candidate: its marks by the assessments wanted. Many: their marks, kept where the
      // assessment is one of theirs (an IN list of every assessment would be thousands long).
      const rows = await tx
        .select({
          candidateId: marks.candidateId,
          assessmentId: marks.assessmentId,
          score: marks.score,
          status: marks.status,
          feedback: marks.feedback,
          markId: marks.id,
        })
        .from(marks)
        .where(
          part.length === 1 && allAssessments.length <= CHUNK
            ? and(
                eq(marks.candidateId, part[0]),
                inArray(
                  marks.assessmentId,
                  allAssessments.map((a) => a.id),
                ),
              )
            : inArray(marks.candidateId, part),
        );
      for (const m of rows) {
        const courseId = assessmentIdsOf.get(m.assessmentId);
        if (courseId === undefined) continue;
        const k = at(m.candidateId, courseId);
        const list = marksBy.get(k);
        if (list) list.push(m);
        else marksBy.set(k, [m]);
      }
    }
  }
  // Counted in SQL: a candidate has ~40 sessions per course, the arithmetic needs four numbers.
  if (courseIds.length) {
    for (const part of chunks(ids)) {
      const attendanceCounts = await tx
        .select({ candidateId: attendance.candidateId, courseId: attendanceSessions.courseId, status: attendance.status, n: sql<number>`count(*)` })
        .from(attendance)
        .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
        .where(and(inArray(attendance.candidateId, part), courseIds.length <= CHUNK ? inArray(attendanceSessions.courseId, courseIds) : undefined))
        .groupBy(attendance.candidateId, attendanceSessions.courseId, attendance.status);
      for (const r of attendanceCounts) {
        const k = at(r.candidateId, r.courseId);
        const c = countsBy.get(k) ?? emptyCounts();
        addCount(c, r.status, Number(r.n));
        countsBy.set(k, c);
      }
    }
  }
  for (const programId of new Set(wantedAll.map((c) => c.programId)))
    if (!cache.bands.has(programId)) cache.bands.set(programId, await bandsForProgram(programId, tx));
  const bandsByProgram = cache.bands;
  // Each program counts on-duty and medical days its own way.
  const countingBy = new Map<number, AttendancePolicy>();
  for (const programId of new Set(wantedAll.map((c) => c.programId))) countingBy.set(programId, policyOf(await getThresholds(programId, tx)).attendance);
  const schemes = await schemesFor(tx, courseIds);
  const termOrder = await termOrderOf(tx, cache);
  await loadPolicies(tx, [...new Set(programOf.values())], cache.policies);

  const wantedBy = new Map<number, typeof wantedAll>();
  for (const c of wantedAll) {
    const list = wantedBy.get(c.candidateId);
    if (list) list.push(c);
    else wantedBy.set(c.candidateId, [c]);
  }

  const computeOne = (candidateId: number, wanted: typeof wantedAll, policy: ProgramGpaPolicy) => {
    const out = [];
    for (const { candidateId: _c, ...c } of wanted) {
      const all = assessmentsBy.get(c.courseId) ?? [];
      const list = visibleAssessments(all, audience);
      const shownIds = new Set(list.map((a) => a.id));
      const detailed = (marksBy.get(at(candidateId, c.courseId)) ?? []).filter((m) => shownIds.has(m.assessmentId)).map(({ candidateId: _m, ...m }) => m);
      const att = fromCounts(countsBy.get(at(candidateId, c.courseId)) ?? emptyCounts(), countingBy.get(c.programId));
      const effective = schemes.get(c.courseId)!;
      const bands = bandsByProgram.get(c.programId);
      const {
        result,
        scheme: schemeResult,
        grade,
      } = evaluateCourse({ scheme: effective.scheme, assessments: list, marks: detailed, attendanceRate: att.rate, bands });
      out.push({
        ...c,
        termOrder: termOrder.get(c.termId) ?? 0,
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
    // Grade points, attempts, SGPA and CGPA: lib/results/gpa over exactly these courses.
    const gpa = gpaSummary(
      out.map((c) => ({
        courseId: c.courseId,
        code: c.code,
        termId: c.termId,
        termOrder: c.termOrder,
        credits: c.credits,
        shown: c.result.shown,
        outcome: c.schemeResult.outcome,
        bands: c.bands,
      })),
      policy.policy,
    );
    const graded = out.map((c) => {
      const g = gpa.courses.get(c.courseId)!;
      return { ...c, gradePoints: g.grade, attempt: g.attempt, attempts: g.attempts, verdict: courseVerdict(c.schemeResult.outcome, g.grade) };
    });
    const terms_ = new Map<number, { termId: number; termName: string; termOrder: number; courses: typeof graded }>();
    for (const c of graded) {
      const t = terms_.get(c.termId) ?? { termId: c.termId, termName: c.termName, termOrder: c.termOrder, courses: [] };
      t.courses.push(c);
      terms_.set(c.termId, t);
    }
    const byTerm = [...terms_.values()].map((t) => ({
      ...t,
      overall: computeOverall(t.courses.map(overallInput)),
      sgpa: gpa.terms.get(t.termId)!,
    }));
    const overall = computeOverall(out.map(overallInput));
    return {
      courses: graded,
      terms: byTerm,
      overall,
      gpa: {
        ...policy,
        cgpa: gpa.cgpa,
        percent: toPercent(gpa.cgpa.value, policy.conversion),
        /** Every graded course as the CGPA reads it, for a card's CGPA up to its term. */
        history: [...gpa.courses.values()],
      },
    };
  };
  const byCandidate = new Map<number, ReturnType<typeof computeOne>>();
  for (const candidateId of ids) {
    const policy = cache.policies.get(programOf.get(candidateId) ?? null) ?? cache.policies.get(null)!;
    byCandidate.set(candidateId, computeOne(candidateId, wantedBy.get(candidateId) ?? [], policy));
  }
  return byCandidate;
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
        || ':' || (select ifnull(max(updated_at), 0) from percent_conversions)
        || ':' || (select ifnull(max(updated_at), 0) from assessments where course_id in (select course_id from ${enrolments} where ${enrolments.candidateId} = ${candidateId}))`,
    })
    .from(sql`(select 1)`);
  return row.v;
}
