import "server-only";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { db, type DbOrTx } from "@/db/client";
import { actorId, assertCan, type Actor } from "@/lib/actor";

type Json = Record<string, unknown> | null;

/** Snapshot a row for the trail: dates as ISO text, secrets never. */
export function snapshot<T extends object>(row: T | null | undefined): Json {
  if (!row) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === "passwordHash" || k === "tokenHash") continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** Call inside the transaction that makes the change, so the trail and the change land together. */
export async function recordAudit(
  tx: DbOrTx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: number | string,
  before: object | null | undefined,
  after: object | null | undefined,
): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: actorId(actor),
    actorName: actor.fullName,
    action,
    entity,
    entityId: String(entityId),
    before: snapshot(before),
    after: snapshot(after),
  });
}

export async function listAuditEvents(actor: Actor, opts: { entity?: string; entityId?: string; limit?: number } = {}) {
  assertCan(actor, "audit.read");
  const where: SQL[] = [];
  if (opts.entity) where.push(eq(auditEvents.entity, opts.entity));
  if (opts.entityId) where.push(eq(auditEvents.entityId, opts.entityId));
  return db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(opts.limit ?? 50);
}

/** The audit events of a batch of new records, written as multi-row inserts. */
export async function recordCreatedMany(tx: DbOrTx, actor: Actor, entity: string, rows: ({ id: number } & object)[]): Promise<void> {
  const at = new Date();
  for (let i = 0; i < rows.length; i += 200) {
    await tx.insert(auditEvents).values(
      rows.slice(i, i + 200).map((r) => ({ actorId: actorId(actor), actorName: actor.fullName, action: "create", entity, entityId: String(r.id), before: null, after: snapshot(r), at })),
    );
  }
}
