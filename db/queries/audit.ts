import "server-only";
import { and, asc, count, desc, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { auditEvents, users } from "@/db/schema";
import { db, type DbOrTx } from "@/db/client";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { AUDIT_SORTS, type AuditSort } from "@/lib/filters/audit";
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

export type AuditFilters = {
  /** A staff account, or "none": events with no account (Markbook itself, or an account since deleted). */
  actorId?: number | "none";
  entity?: string;
  entityId?: string;
  /** From the start of this moment, to before `until` (the pages pass whole days). */
  from?: Date;
  until?: Date;
};

export type AuditRow = typeof auditEvents.$inferSelect;

const SORTS = { at: auditEvents.at, actor: auditEvents.actorName, entity: auditEvents.entity, action: auditEvents.action } satisfies Record<
  AuditSort,
  AnySQLiteColumn
>;

function auditWhere(params: Pick<ListParams, "q">, f: AuditFilters): SQL | undefined {
  const w: SQL[] = [];
  if (params.q) {
    // The snapshots are JSON text: a name or value searched for is found in them as typed.
    const p = likePattern(params.q);
    w.push(
      sql`(${auditEvents.actorName} like ${p} escape '\\' or ${auditEvents.action} like ${p} escape '\\' or ${auditEvents.entity} like ${p} escape '\\' or ${auditEvents.entityId} like ${p} escape '\\' or ${auditEvents.before} like ${p} escape '\\' or ${auditEvents.after} like ${p} escape '\\')`,
    );
  }
  if (f.actorId === "none") w.push(isNull(auditEvents.actorId));
  else if (f.actorId) w.push(eq(auditEvents.actorId, f.actorId));
  if (f.entity) w.push(eq(auditEvents.entity, f.entity));
  if (f.entityId) w.push(eq(auditEvents.entityId, f.entityId));
  if (f.from) w.push(gte(auditEvents.at, f.from));
  if (f.until) w.push(lt(auditEvents.at, f.until));
  return w.length ? and(...w) : undefined;
}

/** A page of the audit trail, latest first unless asked otherwise. Admins only (audit.read). */
export async function listAuditEvents(actor: Actor, params: ListParams, f: AuditFilters = {}): Promise<Page<AuditRow>> {
  assertCan(actor, "audit.read");
  const cond = auditWhere(params, f);
  const sortCol = SORTS[sortKey(AUDIT_SORTS, params.sort, "at")];
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(cond)
      .orderBy(params.dir === "asc" ? asc(sortCol) : desc(sortCol), desc(auditEvents.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(auditEvents).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

/**
 * Who and what appear in the trail, for the filters: each distinct actor and record type, read
 * by stepping through the indexes (one seek per value, not a scan of every event).
 */
export async function auditFilterOptions(actor: Actor): Promise<{ actors: { id: number; fullName: string }[]; accountless: boolean; entities: string[] }> {
  assertCan(actor, "audit.read");
  const [actors, [accountless], entities] = await Promise.all([
    db.all<{ id: number; fullName: string }>(sql`
      with recursive a(id) as (
        select min(${auditEvents.actorId}) from ${auditEvents}
        union all
        select (select min(${auditEvents.actorId}) from ${auditEvents} where ${auditEvents.actorId} > a.id) from a where a.id is not null
      )
      select ${users.id} as id, ${users.fullName} as fullName from a join ${users} on ${users.id} = a.id order by ${users.fullName}`),
    db.select({ id: auditEvents.id }).from(auditEvents).where(isNull(auditEvents.actorId)).limit(1),
    db.all<{ entity: string }>(sql`
      with recursive e(entity) as (
        select min(${auditEvents.entity}) from ${auditEvents}
        union all
        select (select min(${auditEvents.entity}) from ${auditEvents} where ${auditEvents.entity} > e.entity) from e where e.entity is not null
      )
      select entity from e where entity is not null`),
  ]);
  return { actors, accountless: accountless !== undefined, entities: entities.map((e) => e.entity) };
}

/** The audit events of a batch of new records, written as multi-row inserts. */
export async function recordCreatedMany(tx: DbOrTx, actor: Actor, entity: string, rows: ({ id: number } & object)[]): Promise<void> {
  const at = new Date();
  for (let i = 0; i < rows.length; i += 200) {
    await tx.insert(auditEvents).values(
      rows.slice(i, i + 200).map((r) => ({
        actorId: actorId(actor),
        actorName: actor.fullName,
        action: "create",
        entity,
        entityId: String(r.id),
        before: null,
        after: snapshot(r),
        at,
      })),
    );
  }
}
