import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, type DbOrTx } from "@/db/client";
import { candidates, condonations, courses, terms } from "@/db/schema";
import { assertCan, actorId, type Actor } from "@/lib/actor";
import { ConflictError, DomainError, NotFoundError } from "@/lib/errors";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { formatPercent } from "@/lib/results/round";
import { CONDONATION_SORTS, type CondonationFilters, type CondonationSort } from "@/lib/filters/eligibility";
import { recordAudit } from "./audit";
import { assertNoTextForErased } from "./privacy";
import { assertEligibilityAccess, eligibilityCourses } from "./eligibility";
import { judgeOne, type Judged } from "./internal/eligibility";

// Condonation requests (issue 14): staff ask, with the reason and the document seen; only an
// admin decides, once, and the decision is in the audit trail with the request beside it.

const limit = (v: number) => `${Number.isInteger(v) ? v : v.toFixed(2)} %`;

/** Why this pair cannot be condoned now, in words for the person asking (null: it can). */
function refusal(j: Judged, name: string, code: string): string | null {
  const rate = formatPercent(j.shown);
  if (j.status === "eligible")
    return j.shown === null
      ? `No attendance is recorded for ${name} in ${code} yet: there is nothing to condone.`
      : `${name}'s attendance in ${code} is ${rate}, at or above the minimum ${limit(j.policy.minimum)}: no condonation is needed.`;
  if (j.status === "condoned") return `${name}'s attendance in ${code} is already condoned.`;
  if (j.status === "detained")
    return `${name}'s attendance in ${code} is ${rate}, below ${limit(j.policy.condonableFrom)}, the lowest that can be condoned (the condonation band is ${limit(j.policy.condonableFrom)}–${limit(j.policy.minimum)}). The request was not recorded.`;
  if (j.limitReached)
    return `${name} has already been condoned ${j.condonationsUsed} ${j.condonationsUsed === 1 ? "time" : "times"}, the most allowed (${j.policy.maxCondonations}). The request was not recorded.`;
  return null;
}

async function names(tx: DbOrTx, candidateId: number, courseId: number) {
  const [row] = await tx
    .select({ name: candidates.fullName, code: courses.code, termId: courses.termId })
    .from(candidates)
    .innerJoin(courses, eq(courses.id, courseId))
    .where(eq(candidates.id, candidateId));
  return row;
}

export type CondonationRequest = { candidateId: number; courseId: number; reason: string; documentNote: string | null };

/**
 * Records a request to condone one course's shortfall. Refused, with the reason and nothing
 * written, when the rate is outside the condonation band, already enough, already condoned,
 * already waiting for a decision, or past the candidate's limit of approved condonations.
 */
export async function requestCondonation(actor: Actor, input: CondonationRequest) {
  assertCan(actor, "condonations.request");
  return db.transaction(async (tx) => {
    await assertEligibilityAccess(actor, input.courseId, tx);
    const j = await judgeOne(tx, input.candidateId, input.courseId);
    if (!j) throw new NotFoundError("That candidate is not enrolled in this course.");
    await assertNoTextForErased(tx, [input.candidateId], "a condonation reason", "reason");
    const who = await names(tx, input.candidateId, input.courseId);
    if (j.latest?.status === "requested") throw new DomainError(`A request for ${who.name} in ${who.code} is already waiting for an admin's decision.`);
    const why = refusal(j, who.name, who.code);
    if (why) throw new DomainError(why);
    const [row] = await tx
      .insert(condonations)
      .values({
        candidateId: input.candidateId,
        courseId: input.courseId,
        termId: who.termId,
        rateAtRequest: j.shown!,
        reason: input.reason,
        documentNote: input.documentNote,
        status: "requested",
        requestedBy: actorId(actor),
      })
      .returning();
    await recordAudit(tx, actor, "request", "condonation", row.id, null, row);
    return row;
  });
}

/**
 * An admin approves or refuses a waiting request, once. Approval is checked again as it stands
 * now (the rate may have moved, another condonation may have used the limit); refusing needs a note.
 */
export async function decideCondonation(actor: Actor, input: { id: number; decision: "approved" | "refused"; note: string | null }) {
  assertCan(actor, "condonations.decide");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(condonations).where(eq(condonations.id, input.id));
    if (!before) throw new NotFoundError("Condonation request not found.");
    if (before.status !== "requested") throw new ConflictError(`This request was already ${before.status}.`, { status: before.status });
    if (input.decision === "refused" && !input.note) throw new DomainError("Say why the request is refused.", { note: ["Say why the request is refused"] });
    if (input.note) await assertNoTextForErased(tx, [before.candidateId], "a decision note", "note");
    if (input.decision === "approved") {
      const j = await judgeOne(tx, before.candidateId, before.courseId);
      if (!j) throw new DomainError("The candidate is no longer enrolled in this course: the request can only be refused.");
      const who = await names(tx, before.candidateId, before.courseId);
      // The request itself is the latest: judge as if there were none pending.
      const why = refusal({ ...j, latest: null }, who.name, who.code);
      if (why) throw new DomainError(why.replace("The request was not recorded.", "It cannot be approved; refuse it with a note instead."));
    }
    const [after] = await tx
      .update(condonations)
      .set({ status: input.decision, decidedBy: actorId(actor), decidedAt: new Date(), decisionNote: input.note })
      .where(and(eq(condonations.id, input.id), eq(condonations.status, "requested")))
      .returning();
    if (!after) throw new ConflictError("This request was decided by someone else a moment ago.", null);
    await recordAudit(tx, actor, input.decision === "approved" ? "approve" : "refuse", "condonation", input.id, before, after);
    return after;
  });
}

const SORTS = {
  requested: condonations.requestedAt,
  candidate: candidates.fullName,
  course: courses.code,
  rate: condonations.rateAtRequest,
  decided: condonations.decidedAt,
} satisfies Record<CondonationSort, AnySQLiteColumn>;

/** The condonation queue: pending requests (default) or decided ones, of the courses the actor may read. */
export async function listCondonations(actor: Actor, params: ListParams, f: CondonationFilters): Promise<Page<CondonationRow>> {
  assertCan(actor, "condonations.request");
  const where: (SQL | undefined)[] = [eligibilityCourses(actor)];
  if (f.view === "pending") where.push(eq(condonations.status, "requested"));
  else if (f.view === "decided") where.push(inArray(condonations.status, ["approved", "refused"]));
  else if (f.view !== "all") where.push(eq(condonations.status, f.view));
  if (f.termId) where.push(eq(condonations.termId, f.termId));
  if (f.courseId) where.push(eq(condonations.courseId, f.courseId));
  if (f.candidateId) where.push(eq(condonations.candidateId, f.candidateId));
  if (params.q) {
    const like = likePattern(params.q);
    where.push(
      sql`(${candidates.fullName} like ${like} escape '\\' or ${candidates.candidateNumber} like ${like} escape '\\' or ${courses.code} like ${like} escape '\\' or ${condonations.reason} like ${like} escape '\\')`,
    );
  }
  const cond = and(...where);
  const sort = SORTS[sortKey(CONDONATION_SORTS, params.sort, "requested")];
  const person = (col: AnySQLiteColumn) => sql<string | null>`(select full_name from users where users.id = ${col})`;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: condonations.id,
        candidateId: condonations.candidateId,
        candidateName: candidates.fullName,
        candidateNumber: candidates.candidateNumber,
        courseId: condonations.courseId,
        courseCode: courses.code,
        courseName: courses.name,
        termName: terms.name,
        rateAtRequest: condonations.rateAtRequest,
        reason: condonations.reason,
        documentNote: condonations.documentNote,
        status: condonations.status,
        requestedAt: condonations.requestedAt,
        requestedBy: person(condonations.requestedBy),
        decidedAt: condonations.decidedAt,
        decidedBy: person(condonations.decidedBy),
        decisionNote: condonations.decisionNote,
      })
      .from(condonations)
      .innerJoin(candidates, eq(candidates.id, condonations.candidateId))
      .innerJoin(courses, eq(courses.id, condonations.courseId))
      .innerJoin(terms, eq(terms.id, condonations.termId))
      .where(cond)
      .orderBy(params.dir === "asc" ? asc(sort) : desc(sort), desc(condonations.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db
      .select({ n: count() })
      .from(condonations)
      .innerJoin(candidates, eq(candidates.id, condonations.candidateId))
      .innerJoin(courses, eq(courses.id, condonations.courseId))
      .where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

export type CondonationRow = {
  id: number;
  candidateId: number;
  candidateName: string;
  candidateNumber: string;
  courseId: number;
  courseCode: string;
  courseName: string;
  termName: string;
  rateAtRequest: number;
  reason: string;
  documentNote: string | null;
  status: "requested" | "approved" | "refused";
  requestedAt: Date;
  requestedBy: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionNote: string | null;
};

/** Pending requests the actor can see (the nav's and the queue's count). */
export async function pendingCondonations(actor: Actor): Promise<number> {
  assertCan(actor, "condonations.request");
  const [{ n }] = await db
    .select({ n: count() })
    .from(condonations)
    .innerJoin(courses, eq(courses.id, condonations.courseId))
    .where(and(eq(condonations.status, "requested"), eligibilityCourses(actor)));
  return n;
}
