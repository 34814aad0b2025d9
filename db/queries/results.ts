import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accessLinks, candidates as candidatesTable, courseResults, courses, enrolments } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import type { resolveAccessLink } from "./access-links";
import { assertCandidateVisible, assertCourseAccess, courseResultsReadable } from "./scope";
import { loadCandidateResults, resultsVersion } from "./internal/results";

// Every read here takes the acting user (or, for the result page, the resolved link) and
// scopes in its where: a page cannot be handed results it then has to narrow.

/** A candidate's results in the courses whose marks the actor may read: admins all, faculty those they teach. */
export async function candidateResults(actor: Actor, candidateId: number) {
  assertCan(actor, "marks.read");
  await assertCandidateVisible(actor, candidateId);
  return loadCandidateResults(db, candidateId, { courses: courseResultsReadable(actor, courses.id) });
}

/** The course's roster with each candidate's stored result and attendance, for those who may read the course's marks. */
export async function courseRoster(actor: Actor, courseId: number) {
  await assertCourseAccess(actor, courseId, "read");
  return db
    .select({
      enrolmentId: enrolments.id,
      candidateId: candidatesTable.id,
      fullName: candidatesTable.fullName,
      candidateNumber: candidatesTable.candidateNumber,
      status: enrolments.status,
      shown: courseResults.shown,
      grade: courseResults.grade,
      attendanceShown: courseResults.attendanceShown,
      openAlerts: sql<number>`(select count(*) from alerts where alerts.candidate_id = ${candidatesTable.id} and alerts.course_id = ${courseId} and alerts.resolved_at is null)`,
    })
    .from(enrolments)
    .innerJoin(candidatesTable, eq(candidatesTable.id, enrolments.candidateId))
    .leftJoin(courseResults, and(eq(courseResults.candidateId, enrolments.candidateId), eq(courseResults.courseId, courseId)))
    .where(and(eq(enrolments.courseId, courseId), courseResultsReadable(actor, enrolments.courseId)))
    .orderBy(asc(candidatesTable.fullName));
}

/** A link resolveAccessLink accepted: the only key to a result page. */
export type ResolvedLink = NonNullable<Awaited<ReturnType<typeof resolveAccessLink>>>;

/** The version of what the link's result page shows (it keys the rendered-page cache). */
export async function resultPageVersion(link: ResolvedLink): Promise<string> {
  return resultsVersion(db, link.candidateId);
}

/**
 * What a result page shows: the link's own candidate, published marks only. The link is
 * checked again in the query (still open, still this candidate's), so a link revoked while
 * the page was being made shows nothing.
 */
export async function resultPageForLink(link: ResolvedLink) {
  const [[candidate], results] = await Promise.all([
    db
      .select({ id: candidatesTable.id, fullName: candidatesTable.fullName, number: candidatesTable.candidateNumber })
      .from(accessLinks)
      .innerJoin(candidatesTable, eq(candidatesTable.id, accessLinks.candidateId))
      .where(
        and(
          eq(accessLinks.id, link.linkId),
          eq(accessLinks.candidateId, link.candidateId),
          sql`${accessLinks.revokedAt} is null`,
          sql`${accessLinks.expiresAt} > ${Date.now()}`,
        ),
      ),
    loadCandidateResults(db, link.candidateId, { audience: "parents" }),
  ]);
  if (!candidate) return null;
  return { candidate: { fullName: candidate.fullName, number: candidate.number }, results };
}
