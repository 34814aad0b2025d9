import "server-only";
import { desc, eq } from "drizzle-orm";
import { db, withTx, type DbOrTx } from "@/db/client";
import { terms } from "@/db/schema";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

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
  return withTx(tx, run);
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
