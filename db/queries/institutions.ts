import "server-only";
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, withTx, type DbOrTx } from "@/db/client";
import { candidates, contacts, institutions, leads } from "@/db/schema";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { INSTITUTION_SORTS, type InstitutionSort } from "@/lib/filters/institutions";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

export type InstitutionInput = { name: string; city?: string | null; state?: string | null; contactEmail?: string | null; contactPhone?: string | null };
export type InstitutionRow = typeof institutions.$inferSelect & { contactCount: number; leadCount: number; candidateCount: number };

const SORTS = {
  name: institutions.name,
  city: institutions.city,
  state: institutions.state,
  created: institutions.createdAt,
  leads: sql`lead_count`,
} satisfies Record<InstitutionSort, AnySQLiteColumn | SQL>;

function where(params: Pick<ListParams, "q">, f: { createdSince?: Date }) {
  const w: SQL[] = [];
  if (params.q) {
    const p = likePattern(params.q);
    w.push(
      sql`(${institutions.name} like ${p} escape '\\' or ${institutions.city} like ${p} escape '\\' or ${institutions.state} like ${p} escape '\\' or ${institutions.contactEmail} like ${p} escape '\\')`,
    );
  }
  if (f.createdSince) w.push(sql`${institutions.createdAt} >= ${f.createdSince.getTime()}`);
  return w.length ? and(...w) : undefined;
}

export async function listInstitutions(actor: Actor, params: ListParams, f: { createdSince?: Date } = {}): Promise<Page<InstitutionRow>> {
  assertCan(actor, "institutions.read");
  const cond = where(params, f);
  const sortCol = SORTS[sortKey(INSTITUTION_SORTS, params.sort, "name")];
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        ...getCols(),
        contactCount: sql<number>`(select count(*) from ${contacts} where ${contacts.institutionId} = ${institutions.id})`,
        leadCount: sql<number>`(select count(*) from ${leads} where ${leads.institutionId} = ${institutions.id})`.as("lead_count"),
        candidateCount: sql<number>`(select count(*) from ${candidates} where ${candidates.institutionId} = ${institutions.id})`,
      })
      .from(institutions)
      .where(cond)
      .orderBy(params.dir === "desc" ? desc(sortCol) : asc(sortCol), asc(institutions.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(institutions).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

function getCols() {
  return {
    id: institutions.id,
    name: institutions.name,
    city: institutions.city,
    state: institutions.state,
    contactEmail: institutions.contactEmail,
    contactPhone: institutions.contactPhone,
    createdBy: institutions.createdBy,
    createdAt: institutions.createdAt,
    updatedAt: institutions.updatedAt,
  };
}

export async function createInstitution(actor: Actor, input: InstitutionInput, tx?: DbOrTx) {
  assertCan(actor, "institutions.manage");
  const run = async (t: DbOrTx) => {
    const [row] = await t
      .insert(institutions)
      .values({ ...clean(input), createdBy: actor.id || null })
      .returning();
    await recordAudit(t, actor, "create", "institution", row.id, null, row);
    return row;
  };
  return withTx(tx, run);
}

function clean(input: InstitutionInput) {
  return {
    name: input.name.trim(),
    city: input.city ?? null,
    state: input.state ?? null,
    contactEmail: input.contactEmail ?? null,
    contactPhone: input.contactPhone ?? null,
  };
}

export async function updateInstitution(actor: Actor, id: number, input: InstitutionInput) {
  assertCan(actor, "institutions.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(institutions).where(eq(institutions.id, id));
    if (!before) throw new NotFoundError("Institution not found.");
    const [after] = await tx.update(institutions).set(clean(input)).where(eq(institutions.id, id)).returning();
    await recordAudit(tx, actor, "update", "institution", id, before, after);
    return after;
  });
}

/** Refused, with the reason, while leads, candidates or contacts still refer to it. */
export async function deleteInstitution(actor: Actor, id: number) {
  assertCan(actor, "institutions.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(institutions).where(eq(institutions.id, id));
    if (!before) throw new NotFoundError("Institution not found.");
    const [[l], [c], [k]] = await Promise.all([
      tx.select({ n: count() }).from(leads).where(eq(leads.institutionId, id)),
      tx.select({ n: count() }).from(candidates).where(eq(candidates.institutionId, id)),
      tx.select({ n: count() }).from(contacts).where(eq(contacts.institutionId, id)),
    ]);
    const parts = [
      l.n && `${l.n} lead${l.n > 1 ? "s" : ""}`,
      c.n && `${c.n} candidate${c.n > 1 ? "s" : ""}`,
      k.n && `${k.n} contact${k.n > 1 ? "s" : ""}`,
    ].filter(Boolean);
    if (parts.length) throw new DomainError(`${before.name} cannot be deleted: ${parts.join(", ")} still refer to it. Move them to another institution first.`);
    await tx.delete(institutions).where(eq(institutions.id, id));
    await recordAudit(tx, actor, "delete", "institution", id, before, null);
  });
}

export async function searchInstitutions(actor: Actor, q: string, limit = 10) {
  assertCan(actor, "institutions.read");
  return db
    .select({ id: institutions.id, name: institutions.name, city: institutions.city })
    .from(institutions)
    .where(q ? sql`${institutions.name} like ${likePattern(q)} escape '\\'` : undefined)
    .orderBy(asc(institutions.name))
    .limit(limit);
}
