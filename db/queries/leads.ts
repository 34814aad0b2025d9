import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, withTx, type DbOrTx } from "@/db/client";
import { candidates, contacts, institutions, leads, programs, seenFollowups, users } from "@/db/schema";
import { LEAD_STATUSES, type LeadStatus } from "@/lib/constants";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { LEAD_SORTS, type LeadSort } from "@/lib/filters/leads";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit, recordCreatedMany } from "./audit";
import { createCandidate, type CandidateInput } from "./candidates";
import { assertLeadNotErased } from "./privacy";

export type LeadInput = {
  studentName: string;
  email: string;
  phone: string;
  programOfInterest: string;
  source: string;
  institutionId?: number | null;
  contactId?: number | null;
  status: LeadStatus;
  ownerId?: number | null;
  notes?: string | null;
  followUpOn?: string | null;
  nextStep?: string | null;
};

export type LeadFilters = {
  status?: LeadStatus;
  ownerId?: number;
  source?: string;
  followUp?: "due" | "overdue" | "today" | "week" | "none";
  createdSince?: Date;
  statusSince?: Date;
};

export type LeadRow = {
  id: number;
  studentName: string;
  email: string;
  phone: string;
  programOfInterest: string;
  source: string;
  status: LeadStatus;
  ownerName: string | null;
  institutionName: string | null;
  followUpOn: string | null;
  nextStep: string | null;
  createdAt: Date;
};

export const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const OPEN: LeadStatus[] = ["New", "Qualified"];

const SORTS = {
  name: leads.studentName,
  status: leads.status,
  source: leads.source,
  owner: users.fullName,
  followUp: sql`coalesce(${leads.followUpOn}, '9999-12-31')`,
  created: leads.createdAt,
  program: leads.programOfInterest,
} satisfies Record<LeadSort, AnySQLiteColumn | SQL>;

export function leadWhere(params: Pick<ListParams, "q">, f: LeadFilters): SQL | undefined {
  const w: SQL[] = [];
  if (params.q) {
    const p = likePattern(params.q);
    w.push(
      sql`(${leads.studentName} like ${p} escape '\\' or ${leads.email} like ${p} escape '\\' or ${leads.phone} like ${p} escape '\\' or ${leads.programOfInterest} like ${p} escape '\\' or ${leads.notes} like ${p} escape '\\')`,
    );
  }
  if (f.status) w.push(eq(leads.status, f.status));
  if (f.ownerId) w.push(eq(leads.ownerId, f.ownerId));
  if (f.source) w.push(eq(leads.source, f.source));
  if (f.createdSince) w.push(sql`${leads.createdAt} >= ${f.createdSince.getTime()}`);
  if (f.statusSince) w.push(sql`${leads.statusChangedAt} >= ${f.statusSince.getTime()}`);
  if (f.followUp === "none") w.push(sql`${leads.followUpOn} is null`);
  else if (f.followUp) {
    w.push(inArray(leads.status, OPEN), isNotNull(leads.followUpOn));
    if (f.followUp === "overdue") w.push(sql`${leads.followUpOn} < ${today()}`);
    if (f.followUp === "due") w.push(sql`${leads.followUpOn} <= ${today()}`);
    if (f.followUp === "today") w.push(eq(leads.followUpOn, today()));
    if (f.followUp === "week") w.push(sql`${leads.followUpOn} between ${today()} and ${inDays(7)}`);
  }
  return w.length ? and(...w) : undefined;
}

export async function listLeads(actor: Actor, params: ListParams, f: LeadFilters = {}): Promise<Page<LeadRow>> {
  assertCan(actor, "leads.read");
  const cond = leadWhere(params, f);
  const sortCol = SORTS[sortKey(LEAD_SORTS, params.sort, "created")];
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: leads.id,
        studentName: leads.studentName,
        email: leads.email,
        phone: leads.phone,
        programOfInterest: leads.programOfInterest,
        source: leads.source,
        status: leads.status,
        ownerName: users.fullName,
        institutionName: institutions.name,
        followUpOn: leads.followUpOn,
        nextStep: leads.nextStep,
        createdAt: leads.createdAt,
      })
      .from(leads)
      .leftJoin(users, eq(users.id, leads.ownerId))
      .leftJoin(institutions, eq(institutions.id, leads.institutionId))
      .where(cond)
      .orderBy(params.dir === "desc" ? desc(sortCol) : asc(sortCol), desc(leads.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(leads).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

/** The pipeline board: leads per status, newest activity first, a column at a time. */
export async function leadBoard(actor: Actor, params: Pick<ListParams, "q">, f: LeadFilters = {}, perColumn = 50) {
  assertCan(actor, "leads.read");
  const columns = await Promise.all(
    LEAD_STATUSES.map(async (status) => {
      const cond = leadWhere(params, { ...f, status });
      const [rows, [{ n }]] = await Promise.all([
        db
          .select({
            id: leads.id,
            studentName: leads.studentName,
            programOfInterest: leads.programOfInterest,
            source: leads.source,
            followUpOn: leads.followUpOn,
            ownerName: users.fullName,
          })
          .from(leads)
          .leftJoin(users, eq(users.id, leads.ownerId))
          .where(cond)
          .orderBy(sql`coalesce(${leads.followUpOn}, '9999-12-31')`, desc(leads.updatedAt))
          .limit(perColumn),
        db.select({ n: count() }).from(leads).where(cond),
      ]);
      return { status, rows, total: n };
    }),
  );
  return columns;
}

export async function getLead(actor: Actor, id: number) {
  assertCan(actor, "leads.read");
  const [row] = await db
    .select({
      lead: leads,
      ownerName: users.fullName,
      institutionName: institutions.name,
      contactName: contacts.fullName,
      candidateId: candidates.id,
      candidateName: candidates.fullName,
    })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .leftJoin(institutions, eq(institutions.id, leads.institutionId))
    .leftJoin(contacts, eq(contacts.id, leads.contactId))
    .leftJoin(candidates, eq(candidates.leadId, leads.id))
    .where(eq(leads.id, id));
  if (!row) throw new NotFoundError("Lead not found.");
  return {
    ...row.lead,
    ownerName: row.ownerName,
    institutionName: row.institutionName,
    contactName: row.contactName,
    candidateId: row.candidateId,
    candidateName: row.candidateName,
  };
}

/** Leads that look like this one (same email or phone), to warn before creating a duplicate. */
export async function findDuplicateLeads(actor: Actor, email: string, phone: string, exceptId?: number) {
  assertCan(actor, "leads.read");
  const digits = phone.replace(/\D/g, "");
  return db
    .select({ id: leads.id, studentName: leads.studentName, email: leads.email, phone: leads.phone, status: leads.status })
    .from(leads)
    .where(
      and(
        or(
          sql`lower(${leads.email}) = ${email.trim().toLowerCase()}`,
          digits.length >= 6
            ? sql`replace(replace(replace(replace(${leads.phone}, ' ', ''), '-', ''), '+', ''), '.', '') like ${"%" + digits.slice(-10)}`
            : sql`0`,
        ),
        exceptId ? ne(leads.id, exceptId) : undefined,
      ),
    )
    .limit(5);
}

/**
 * The institution a lead belongs to: the one given, else its referring contact's
 * (ClientSync TC-06).
 */
async function resolveInstitution(tx: DbOrTx, input: LeadInput): Promise<number | null> {
  if (input.institutionId) {
    const [i] = await tx.select({ id: institutions.id }).from(institutions).where(eq(institutions.id, input.institutionId));
    if (!i) throw new DomainError("That institution no longer exists.", { institutionId: ["Choose an existing institution"] });
    return i.id;
  }
  if (input.contactId) {
    const [c] = await tx.select({ institutionId: contacts.institutionId }).from(contacts).where(eq(contacts.id, input.contactId));
    if (!c) throw new DomainError("That contact no longer exists.", { contactId: ["Choose an existing contact"] });
    return c.institutionId;
  }
  return null;
}

async function assertOwner(tx: DbOrTx, ownerId: number | null | undefined) {
  if (!ownerId) return;
  const [u] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, ownerId));
  if (!u || !u.active || u.role === "faculty") throw new DomainError("The owner must be an active counsellor or admin.", { ownerId: ["Choose a counsellor"] });
}

function values(input: LeadInput, institutionId: number | null) {
  return {
    studentName: input.studentName.trim(),
    email: input.email.trim(),
    phone: input.phone.trim(),
    programOfInterest: input.programOfInterest.trim(),
    source: input.source.trim(),
    institutionId,
    contactId: input.contactId ?? null,
    status: input.status,
    notes: input.notes ?? null,
    followUpOn: input.followUpOn ?? null,
    nextStep: input.nextStep ?? null,
  };
}

export async function createLead(actor: Actor, input: LeadInput, tx?: DbOrTx) {
  assertCan(actor, "leads.manage");
  const run = async (t: DbOrTx) => {
    const ownerId = input.ownerId ?? (actor.id || null);
    await assertOwner(t, ownerId);
    const institutionId = await resolveInstitution(t, input);
    const [program] = await t
      .select({ id: programs.id })
      .from(programs)
      .where(
        sql`lower(${programs.name}) = ${input.programOfInterest.trim().toLowerCase()} or lower(${programs.code}) = ${input.programOfInterest.trim().toLowerCase()}`,
      );
    const [row] = await t
      .insert(leads)
      .values({ ...values(input, institutionId), ownerId, programId: program?.id ?? null, statusChangedAt: new Date(), createdBy: actor.id || null })
      .returning();
    await recordAudit(t, actor, "create", "lead", row.id, null, row);
    return row;
  };
  return withTx(tx, run);
}

export async function updateLead(actor: Actor, id: number, input: LeadInput) {
  assertCan(actor, "leads.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(leads).where(eq(leads.id, id));
    if (!before) throw new NotFoundError("Lead not found.");
    await assertLeadNotErased(tx, id);
    await assertOwner(tx, input.ownerId);
    const institutionId = await resolveInstitution(tx, input);
    const [after] = await tx
      .update(leads)
      .set({
        ...values(input, institutionId),
        ownerId: input.ownerId ?? before.ownerId,
        ...(before.status !== input.status ? { statusChangedAt: new Date() } : {}),
      })
      .where(eq(leads.id, id))
      .returning();
    await recordAudit(tx, actor, "update", "lead", id, before, after);
    return after;
  });
}

export async function setLeadStatus(actor: Actor, id: number, status: LeadStatus) {
  assertCan(actor, "leads.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(leads).where(eq(leads.id, id));
    if (!before) throw new NotFoundError("Lead not found.");
    if (before.status === status) return before;
    const [linked] = await tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.leadId, id));
    if (linked && status !== "Converted") throw new DomainError("This lead is already a candidate; it stays Converted.");
    const [after] = await tx.update(leads).set({ status, statusChangedAt: new Date() }).where(eq(leads.id, id)).returning();
    await recordAudit(tx, actor, "change-status", "lead", id, { status: before.status }, { status });
    return after;
  });
}

export async function deleteLead(actor: Actor, id: number) {
  assertCan(actor, "leads.manage");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(leads).where(eq(leads.id, id));
    if (!before) throw new NotFoundError("Lead not found.");
    const [linked] = await tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.leadId, id));
    if (linked) throw new DomainError("This lead became a candidate; it is kept as their history.");
    await tx.delete(leads).where(eq(leads.id, id));
    await recordAudit(tx, actor, "delete", "lead", id, before, null);
  });
}

/**
 * Converts a lead marked Converted into a candidate (ClientSync's "Link lead"): copies name,
 * email, phone and program, and links the two.
 */
export async function convertLead(actor: Actor, id: number, extra: Partial<CandidateInput> = {}) {
  assertCan(actor, "leads.manage");
  assertCan(actor, "candidates.create");
  return db.transaction(async (tx) => {
    const [lead] = await tx.select().from(leads).where(eq(leads.id, id));
    if (!lead) throw new NotFoundError("Lead not found.");
    // An enquiry anonymised by an erasure does not become a new record of the person.
    await assertLeadNotErased(tx, id);
    if (lead.status !== "Converted") throw new DomainError("Only a lead marked Converted can become a candidate. Change its status first.");
    const [existing] = await tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.leadId, id));
    if (existing) throw new DomainError("This lead is already a candidate.");
    const candidate = await createCandidate(
      actor,
      {
        fullName: lead.studentName,
        email: lead.email,
        phone: lead.phone,
        programId: lead.programId,
        institutionId: lead.institutionId,
        status: "active",
        consentToEmail: false,
        notes: lead.notes,
        guardians: [],
        ...extra,
        leadId: lead.id,
      },
      tx,
    );
    await recordAudit(tx, actor, "convert", "lead", id, null, { candidateId: candidate.id });
    return candidate;
  });
}

export async function leadSources() {
  const rows = await db.selectDistinct({ source: leads.source }).from(leads).orderBy(asc(leads.source));
  return rows.map((r) => r.source);
}

// ——— follow-ups and their "new" flags ———

/** The user's follow-ups not yet seen at their current date (ClientSync's seen_followups). */
export async function unseenFollowupCount(actor: Actor): Promise<number> {
  if (actor.role === "faculty") return 0;
  const [row] = await db
    .select({ n: count() })
    .from(leads)
    .where(
      and(
        eq(leads.ownerId, actor.id),
        inArray(leads.status, OPEN),
        isNotNull(leads.followUpOn),
        sql`${leads.followUpOn} <= ${inDays(7)}`,
        sql`not exists (select 1 from ${seenFollowups} where ${seenFollowups.userId} = ${actor.id} and ${seenFollowups.leadId} = ${leads.id} and ${seenFollowups.followUpOn} = ${leads.followUpOn})`,
      ),
    );
  return row.n;
}

export async function markFollowupSeen(actor: Actor, leadId: number) {
  const [lead] = await db.select({ followUpOn: leads.followUpOn }).from(leads).where(eq(leads.id, leadId));
  if (!lead?.followUpOn) return;
  await db
    .insert(seenFollowups)
    .values({ userId: actor.id, leadId, followUpOn: lead.followUpOn })
    .onConflictDoUpdate({ target: [seenFollowups.userId, seenFollowups.leadId], set: { followUpOn: lead.followUpOn, seenAt: new Date() } });
}

export async function upcomingFollowups(actor: Actor, opts: { mine?: boolean; limit?: number } = {}) {
  return db
    .select({
      id: leads.id,
      studentName: leads.studentName,
      programOfInterest: leads.programOfInterest,
      followUpOn: leads.followUpOn,
      nextStep: leads.nextStep,
      status: leads.status,
      ownerName: users.fullName,
    })
    .from(leads)
    .leftJoin(users, eq(users.id, leads.ownerId))
    .where(
      and(inArray(leads.status, OPEN), isNotNull(leads.followUpOn), opts.mine ? eq(leads.ownerId, actor.id) : undefined, notInArray(leads.status, ["Lost"])),
    )
    .orderBy(asc(leads.followUpOn))
    .limit(opts.limit ?? 5);
}

/** Many leads at once (seeding, bulk import), each audited. */
export async function createLeadsBulk(tx: DbOrTx, actor: Actor, inputs: (LeadInput & { ownerId: number })[]) {
  assertCan(actor, "leads.manage");
  const out: number[] = [];
  const now = new Date();
  for (let i = 0; i < inputs.length; i += 300) {
    const rows = await tx
      .insert(leads)
      .values(
        inputs
          .slice(i, i + 300)
          .map((input) => ({ ...values(input, input.institutionId ?? null), ownerId: input.ownerId, statusChangedAt: now, createdBy: actor.id || null })),
      )
      .returning();
    await recordCreatedMany(tx, actor, "lead", rows);
    out.push(...rows.map((r) => r.id));
  }
  return out;
}
