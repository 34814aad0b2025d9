import "server-only";
import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, withTx, type DbOrTx } from "@/db/client";
import { contacts, institutions, leads } from "@/db/schema";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { CONTACT_SORTS, type ContactSort } from "@/lib/filters/contacts";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";

export type ContactInput = { fullName: string; role?: string | null; email?: string | null; phone?: string | null; institutionId?: number | null };
export type ContactRow = {
  id: number;
  fullName: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  institutionId: number | null;
  institutionName: string | null;
  leadCount: number;
  createdAt: Date;
};

const SORTS = { name: contacts.fullName, role: contacts.role, institution: institutions.name, created: contacts.createdAt } satisfies Record<
  ContactSort,
  AnySQLiteColumn | SQL
>;

export async function listContacts(actor: Actor, params: ListParams, f: { institutionId?: number } = {}): Promise<Page<ContactRow>> {
  assertCan(actor, "contacts.read");
  const w: SQL[] = [];
  if (params.q) {
    const p = likePattern(params.q);
    w.push(
      sql`(${contacts.fullName} like ${p} escape '\\' or ${contacts.email} like ${p} escape '\\' or ${contacts.phone} like ${p} escape '\\' or ${institutions.name} like ${p} escape '\\')`,
    );
  }
  if (f.institutionId) w.push(eq(contacts.institutionId, f.institutionId));
  const cond = w.length ? and(...w) : undefined;
  const sortCol = SORTS[sortKey(CONTACT_SORTS, params.sort, "name")];
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: contacts.id,
        fullName: contacts.fullName,
        role: contacts.role,
        email: contacts.email,
        phone: contacts.phone,
        institutionId: contacts.institutionId,
        institutionName: institutions.name,
        leadCount: sql<number>`(select count(*) from ${leads} where ${leads.contactId} = ${contacts.id})`,
        createdAt: contacts.createdAt,
      })
      .from(contacts)
      .leftJoin(institutions, eq(institutions.id, contacts.institutionId))
      .where(cond)
      .orderBy(params.dir === "desc" ? desc(sortCol) : asc(sortCol), asc(contacts.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(contacts).leftJoin(institutions, eq(institutions.id, contacts.institutionId)).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

function clean(input: ContactInput) {
  return {
    fullName: input.fullName.trim(),
    role: input.role ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    institutionId: input.institutionId ?? null,
  };
}

async function assertInstitution(tx: DbOrTx, id: number | null | undefined) {
  if (!id) return;
  const [row] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, id));
  if (!row) throw new DomainError("That institution no longer exists.", { institutionId: ["Choose an existing institution"] });
}

export async function createContact(actor: Actor, input: ContactInput, tx?: DbOrTx) {
  assertCan(actor, "contacts.manage");
  const run = async (t: DbOrTx) => {
    await assertInstitution(t, input.institutionId);
    const [row] = await t
      .insert(contacts)
      .values({ ...clean(input), createdBy: actor.id || null })
      .returning();
    await recordAudit(t, actor, "create", "contact", row.id, null, row);
    return row;
  };
  return withTx(tx, run);
}

export async function updateContact(actor: Actor, id: number, input: ContactInput) {
  assertCan(actor, "contacts.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(contacts).where(eq(contacts.id, id));
    if (!before) throw new NotFoundError("Contact not found.");
    await assertInstitution(tx, input.institutionId);
    const [after] = await tx.update(contacts).set(clean(input)).where(eq(contacts.id, id)).returning();
    await recordAudit(tx, actor, "update", "contact", id, before, after);
    return after;
  });
}

export async function deleteContact(actor: Actor, id: number) {
  assertCan(actor, "contacts.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(contacts).where(eq(contacts.id, id));
    if (!before) throw new NotFoundError("Contact not found.");
    const [{ n }] = await tx.select({ n: count() }).from(leads).where(eq(leads.contactId, id));
    if (n) throw new DomainError(`${before.fullName} is the referring contact of ${n} lead${n > 1 ? "s" : ""}; it cannot be deleted.`);
    await tx.delete(contacts).where(eq(contacts.id, id));
    await recordAudit(tx, actor, "delete", "contact", id, before, null);
  });
}

/** Type-ahead for the contact picker. */
export async function searchContacts(actor: Actor, q: string, limit = 10) {
  assertCan(actor, "contacts.read");
  return db
    .select({ id: contacts.id, fullName: contacts.fullName, institutionId: contacts.institutionId, institutionName: institutions.name })
    .from(contacts)
    .leftJoin(institutions, eq(institutions.id, contacts.institutionId))
    .where(q ? sql`(${contacts.fullName} like ${likePattern(q)} escape '\\' or ${institutions.name} like ${likePattern(q)} escape '\\')` : undefined)
    .orderBy(asc(contacts.fullName))
    .limit(limit);
}
