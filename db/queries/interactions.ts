import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { contacts, interactions, leads, users } from "@/db/schema";
import type { InteractionKind } from "@/lib/constants";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { recordAudit, recordCreatedMany } from "./audit";
import { assertCandidateVisible } from "./scope";
import { assertLeadNotErased, assertNotErased } from "./privacy";

/**
 * An erased candidate's timeline (and their leads') takes no new words. Checked in the write's
 * own transaction, so an erasure that commits first cannot be followed by the words.
 */
async function assertWritable(tx: DbOrTx, s: Subject) {
  if ("candidateId" in s) await assertNotErased(tx, s.candidateId);
  else if ("leadId" in s) await assertLeadNotErased(tx, s.leadId);
}

export type Subject = { leadId: number } | { candidateId: number } | { contactId: number };

/** Who may see and write on a subject's timeline: leads are counsellors' and admins'. */
async function assertSubject(actor: Actor, s: Subject) {
  if ("leadId" in s) {
    assertCan(actor, "leads.read");
    const [row] = await db.select({ id: leads.id }).from(leads).where(eq(leads.id, s.leadId));
    if (!row) throw new NotFoundError("Lead not found.");
  } else if ("candidateId" in s) {
    assertCan(actor, "candidates.read");
    await assertCandidateVisible(actor, s.candidateId);
  } else {
    assertCan(actor, "contacts.read");
    const [row] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.id, s.contactId));
    if (!row) throw new NotFoundError("Contact not found.");
  }
}

function subjectWhere(s: Subject): SQL {
  if ("leadId" in s) return eq(interactions.leadId, s.leadId);
  if ("candidateId" in s) return eq(interactions.candidateId, s.candidateId);
  return eq(interactions.contactId, s.contactId);
}

/** The timeline, latest first. */
export async function listInteractions(actor: Actor, s: Subject, limit = 100) {
  await assertSubject(actor, s);
  return db
    .select({
      id: interactions.id,
      kind: interactions.kind,
      body: interactions.body,
      occurredAt: interactions.occurredAt,
      userId: interactions.userId,
      author: users.fullName,
      updatedAt: interactions.updatedAt,
      createdAt: interactions.createdAt,
    })
    .from(interactions)
    .leftJoin(users, eq(users.id, interactions.userId))
    .where(subjectWhere(s))
    .orderBy(desc(interactions.occurredAt), desc(interactions.id))
    .limit(limit);
}

export async function createInteraction(actor: Actor, s: Subject, input: { kind: InteractionKind; body: string; occurredAt?: Date | null }) {
  assertCan(actor, "interactions.create");
  await assertSubject(actor, s);
  return db.transaction(async (tx) => {
    await assertWritable(tx, s);
    const [row] = await tx
      .insert(interactions)
      .values({ kind: input.kind, body: input.body.trim(), userId: actor.id || null, occurredAt: input.occurredAt ?? new Date(), ...s })
      .returning();
    await recordAudit(tx, actor, "create", "interaction", row.id, null, row);
    return row;
  });
}

async function mustGet(id: number) {
  const [row] = await db.select().from(interactions).where(eq(interactions.id, id));
  if (!row) throw new NotFoundError("Interaction not found.");
  return row;
}

function subjectOf(row: typeof interactions.$inferSelect): Subject {
  if (row.leadId) return { leadId: row.leadId };
  if (row.candidateId) return { candidateId: row.candidateId };
  return { contactId: row.contactId! };
}

/** Only the author edits their words. */
export async function updateInteraction(actor: Actor, id: number, input: { kind: InteractionKind; body: string }) {
  assertCan(actor, "interactions.create");
  const before = await mustGet(id);
  await assertSubject(actor, subjectOf(before));
  if (before.userId !== actor.id) throw new ForbiddenError("Only the author can edit this interaction.");
  if (!input.body.trim()) throw new DomainError("Write something.", { body: ["Write something"] });
  return db.transaction(async (tx) => {
    await assertWritable(tx, subjectOf(before));
    const [after] = await tx.update(interactions).set({ kind: input.kind, body: input.body.trim() }).where(eq(interactions.id, id)).returning();
    await recordAudit(tx, actor, "update", "interaction", id, before, after);
    return after;
  });
}

/** Admins remove interactions (the audit trail keeps what was said). */
export async function deleteInteraction(actor: Actor, id: number) {
  assertCan(actor, "interactions.delete");
  const before = await mustGet(id);
  await db.transaction(async (tx) => {
    await tx.delete(interactions).where(and(eq(interactions.id, id)));
    await recordAudit(tx, actor, "delete", "interaction", id, before, null);
  });
  return subjectOf(before);
}

/** Many interactions at once (seeding), each audited. */
export async function createInteractionsBulk(
  tx: DbOrTx,
  actor: Actor,
  inputs: ({ kind: InteractionKind; body: string; occurredAt: Date; userId: number } & (
    { leadId: number } | { candidateId: number } | { contactId: number }
  ))[],
) {
  assertCan(actor, "interactions.create");
  for (let i = 0; i < inputs.length; i += 300) {
    const rows = await tx
      .insert(interactions)
      .values(inputs.slice(i, i + 300))
      .returning();
    await recordCreatedMany(tx, actor, "interaction", rows);
  }
}
