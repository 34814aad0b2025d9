import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { courseTeachers, courses, enrolments, gradeCardRemarks, terms, users } from "@/db/schema";
import { actorId, assertCan, type Actor } from "@/lib/actor";
import { can } from "@/lib/auth/permissions";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { assertNotErased } from "./privacy";
import { assertCandidateVisible } from "./scope";

// The remarks box of a grade card (issue 14): one text per candidate and term, written by an
// admin or by a faculty member who teaches the candidate that term (the class teacher), and
// printed on every card of the term made afterwards. Remarks are not marks: a locked term's
// remarks can still be written, since cards are printed after the marks are final.

export type Remarks = { body: string; version: number; updatedAt: Date; updatedBy: string | null };

/**
 * May the actor write remarks for this candidate's term: the candidate has a course that term
 * (not dropped) — any course for an admin, one the actor teaches for faculty. A card is made
 * only for a term with courses, so remarks for any other term would never print.
 */
async function mayWrite(actor: Actor, candidateId: number, termId: number, tx: DbOrTx): Promise<boolean> {
  if (!can(actor.role, "remarks.write")) return false;
  const [row] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(
      and(
        eq(enrolments.candidateId, candidateId),
        eq(courses.termId, termId),
        ne(enrolments.status, "dropped"),
        actor.role === "admin"
          ? undefined
          : sql`exists (select 1 from ${courseTeachers} where ${courseTeachers.courseId} = ${courses.id} and ${courseTeachers.userId} = ${actor.id})`,
      ),
    )
    .limit(1);
  return !!row;
}

/** The terms of a candidate whose remarks the actor may write (the candidate page shows an editor for those). */
export async function writableRemarkTerms(actor: Actor, candidateId: number, termIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  if (!can(actor.role, "remarks.write")) return out;
  for (const termId of termIds) if (await mayWrite(actor, candidateId, termId, db)) out.add(termId);
  return out;
}

/** A candidate's remarks by term, for the candidate page (whoever sees the candidate's results sees them). */
export async function remarksOfCandidate(actor: Actor, candidateId: number): Promise<Map<number, Remarks>> {
  assertCan(actor, "marks.read");
  await assertCandidateVisible(actor, candidateId);
  const rows = await db
    .select({
      termId: gradeCardRemarks.termId,
      body: gradeCardRemarks.body,
      version: gradeCardRemarks.version,
      updatedAt: gradeCardRemarks.updatedAt,
      updatedBy: users.fullName,
    })
    .from(gradeCardRemarks)
    .leftJoin(users, eq(users.id, gradeCardRemarks.updatedBy))
    .where(eq(gradeCardRemarks.candidateId, candidateId));
  return new Map(rows.map(({ termId, ...r }) => [termId, r]));
}

/** The remarks of many candidates for one term, for printing cards (unscoped: the caller checked). */
export async function remarksForTerm(termId: number, candidateIds: number[], tx: DbOrTx = db): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < candidateIds.length; i += 500) {
    const rows = await tx
      .select({ candidateId: gradeCardRemarks.candidateId, body: gradeCardRemarks.body })
      .from(gradeCardRemarks)
      .where(and(eq(gradeCardRemarks.termId, termId), inArray(gradeCardRemarks.candidateId, candidateIds.slice(i, i + 500))));
    for (const r of rows) out.set(r.candidateId, r.body);
  }
  return out;
}

export type RemarksInput = {
  candidateId: number;
  termId: number;
  body: string;
  /** The version the writer saw: 0 when there were none. A different current version is a conflict. */
  version: number;
};

/**
 * Saves (or, when empty, clears) a candidate's remarks for a term. Refused, with nothing
 * written, when the actor may not write them, the candidate is erased, or someone else saved
 * since the writer loaded the page (ConflictError with their words, so nothing is overwritten
 * unseen).
 */
export async function saveRemarks(actor: Actor, input: RemarksInput): Promise<{ version: number; cleared: boolean }> {
  assertCan(actor, "remarks.write");
  return db.transaction(async (tx) => {
    await assertCandidateVisible(actor, input.candidateId, tx);
    const [term] = await tx.select({ id: terms.id }).from(terms).where(eq(terms.id, input.termId));
    if (!term || !(await mayWrite(actor, input.candidateId, input.termId, tx)))
      throw new NotFoundError("Remarks can be written only for a term with this candidate's courses (for faculty: a course you teach them).");
    await assertNotErased(tx, input.candidateId);
    const body = input.body.trim();
    const [before] = await tx
      .select()
      .from(gradeCardRemarks)
      .where(and(eq(gradeCardRemarks.candidateId, input.candidateId), eq(gradeCardRemarks.termId, input.termId)));
    const current = before?.version ?? 0;
    if (current !== input.version) {
      throw new ConflictError(
        before
          ? `Someone saved these remarks while you were writing: “${before.body}”. Copy your text, reload the page, and save again.`
          : "These remarks were cleared while you were writing. Copy your text, reload the page, and save again.",
        { theirs: before?.body ?? null, version: current },
      );
    }
    const snapshot = (r: { body: string; version: number } | undefined) =>
      r ? { candidateId: input.candidateId, termId: input.termId, body: r.body, version: r.version } : null;
    if (!body) {
      if (before) {
        await tx.delete(gradeCardRemarks).where(eq(gradeCardRemarks.id, before.id));
        await recordAudit(tx, actor, "delete", "grade_card_remarks", before.id, snapshot(before), null);
      }
      return { version: 0, cleared: true };
    }
    if (before && before.body === body) return { version: before.version, cleared: false };
    // The version is checked again by the write itself, so two saves racing from the same
    // version cannot both land: the one that finds it changed is the conflict.
    const [row] = before
      ? await tx
          .update(gradeCardRemarks)
          .set({ body, version: sql`${gradeCardRemarks.version} + 1`, updatedBy: actorId(actor), updatedAt: new Date() })
          .where(and(eq(gradeCardRemarks.id, before.id), eq(gradeCardRemarks.version, before.version)))
          .returning()
      : await tx
          .insert(gradeCardRemarks)
          .values({ candidateId: input.candidateId, termId: input.termId, body, updatedBy: actorId(actor) })
          .onConflictDoNothing()
          .returning();
    if (!row) throw new ConflictError("Someone saved these remarks at the same moment. Copy your text, reload the page, and save again.", { version: current });
    await recordAudit(tx, actor, before ? "update" : "create", "grade_card_remarks", row.id, snapshot(before), snapshot(row));
    return { version: row.version, cleared: false };
  });
}
