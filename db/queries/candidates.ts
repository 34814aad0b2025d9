import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, withTx, type DbOrTx } from "@/db/client";
import { alerts, candidates, courses, courseResults, enrolments, guardians, institutions, leads, programs, terms, users } from "@/db/schema";
import type { CandidateStatus, ContactMethod } from "@/lib/constants";
import { likePattern, type ListParams, type Page } from "@/lib/list";
import type { CandidateSort } from "@/lib/filters/candidates";
import { can } from "@/lib/auth/permissions";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { recordAudit, recordCreatedMany } from "./audit";
import { alertsOfVisibleCandidate, assertCandidateVisible, candidatesVisibleTo, courseResultsReadable } from "./scope";
import { assertNotErased } from "./privacy";
import { revokeGuardianLinks } from "./access-links";

export type GuardianInput = {
  id?: number | null;
  fullName: string;
  relationship?: string | null;
  email?: string | null;
  phone?: string | null;
  preferredContact: ContactMethod;
  receivesReports: boolean;
};

export type CandidateInput = {
  candidateNumber?: string | null;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  dateOfBirth?: string | null;
  programId?: number | null;
  institutionId?: number | null;
  advisorId?: number | null;
  status: CandidateStatus;
  enrolledOn?: string | null;
  notes?: string | null;
  consentToEmail: boolean;
  leadId?: number | null;
  guardians: GuardianInput[];
};

export type CandidateFilters = {
  programId?: number;
  courseId?: number;
  status?: CandidateStatus;
  advisorId?: number;
  atRisk?: boolean;
  institutionId?: number;
};

export type CandidateListRow = {
  id: number;
  candidateNumber: string;
  fullName: string;
  email: string | null;
  programCode: string | null;
  advisorName: string | null;
  status: CandidateStatus;
  openAlerts: number;
  /** Only for those with marks.read, over the courses they may read; absent otherwise. */
  average?: number | null;
  enrolledOn: string | null;
};

const SORTS = {
  number: candidates.candidateNumber,
  name: candidates.fullName,
  program: programs.code,
  advisor: users.fullName,
  status: candidates.status,
  enrolled: candidates.enrolledOn,
  alerts: sql`open_alerts`,
} satisfies Record<Exclude<CandidateSort, "average">, AnySQLiteColumn | SQL>;

/** The sorts an actor may ask for: results only with marks.read (a sort by average would rank by marks). */
function sortsFor(actor: Actor): Record<string, AnySQLiteColumn | SQL> {
  return can(actor.role, "marks.read") ? { ...SORTS, average: sql`average` } : SORTS;
}

/** Open alerts of the candidate in the outer query, those the actor may see. */
function openAlertsOf(actor: Actor): SQL {
  return sql`${alerts.candidateId} = ${candidates.id} and ${alerts.resolvedAt} is null${scopedAnd(alertsOfVisibleCandidate(actor))}`;
}

const scopedAnd = (cond: SQL | undefined): SQL => (cond ? sql` and ${cond}` : sql``);

function listWhere(actor: Actor, params: Pick<ListParams, "q">, f: CandidateFilters): SQL | undefined {
  const where: (SQL | undefined)[] = [candidatesVisibleTo(actor), isNull(candidates.erasedAt)];
  if (params.q) {
    const p = likePattern(params.q);
    where.push(
      sql`(${candidates.fullName} like ${p} escape '\\' or ${candidates.candidateNumber} like ${p} escape '\\' or ${candidates.email} like ${p} escape '\\' or ${candidates.phone} like ${p} escape '\\')`,
    );
  }
  if (f.programId) where.push(eq(candidates.programId, f.programId));
  if (f.status) where.push(eq(candidates.status, f.status));
  if (f.advisorId) where.push(eq(candidates.advisorId, f.advisorId));
  if (f.institutionId) where.push(eq(candidates.institutionId, f.institutionId));
  if (f.courseId)
    where.push(sql`exists (select 1 from ${enrolments} where ${enrolments.candidateId} = ${candidates.id} and ${enrolments.courseId} = ${f.courseId})`);
  if (f.atRisk) where.push(sql`exists (select 1 from ${alerts} where ${openAlertsOf(actor)})`);
  return and(...where.filter(Boolean));
}

/**
 * A page of the candidate list. The average is selected (and sortable) only for those who may
 * read marks, over the courses they may read; any other sort asked for falls back to the name.
 * `sort` and `results` say what was applied, so the screen offers exactly that.
 */
export async function listCandidates(
  actor: Actor,
  params: ListParams,
  f: CandidateFilters = {},
): Promise<Page<CandidateListRow> & { sort: string; results: boolean }> {
  assertCan(actor, "candidates.read");
  const cond = listWhere(actor, params, f);
  const sorts = sortsFor(actor);
  const sort = params.sort && Object.hasOwn(sorts, params.sort) ? params.sort : "name";
  const sortCol = sorts[sort];
  const results = can(actor.role, "marks.read");
  const average = sql<
    number | null
  >`(select round(avg(${courseResults.shown}), 1) from ${courseResults} where ${courseResults.candidateId} = ${candidates.id}${scopedAnd(courseResultsReadable(actor, courseResults.courseId))})`.as(
    "average",
  );
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: candidates.id,
        candidateNumber: candidates.candidateNumber,
        fullName: candidates.fullName,
        email: candidates.email,
        programCode: programs.code,
        advisorName: users.fullName,
        status: candidates.status,
        enrolledOn: candidates.enrolledOn,
        openAlerts: sql<number>`(select count(*) from ${alerts} where ${openAlertsOf(actor)})`.as("open_alerts"),
        ...(results ? { average } : {}),
      })
      .from(candidates)
      .leftJoin(programs, eq(programs.id, candidates.programId))
      .leftJoin(users, eq(users.id, candidates.advisorId))
      .where(cond)
      .orderBy(params.dir === "desc" ? desc(sortCol) : asc(sortCol), asc(candidates.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(candidates).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size, sort, results };
}

/** Every row of the filtered list (for CSV export), in the list's order. */
export async function exportCandidates(actor: Actor, params: ListParams, f: CandidateFilters = {}) {
  const all: CandidateListRow[] = [];
  for (let page = 1; ; page++) {
    const p = await listCandidates(actor, { ...params, page, size: 100 }, f);
    all.push(...p.rows);
    if (all.length >= p.total || p.rows.length === 0) break;
  }
  return all;
}

export async function getCandidate(actor: Actor, id: number) {
  assertCan(actor, "candidates.read");
  await assertCandidateVisible(actor, id);
  const [row] = await db
    .select({
      candidate: candidates,
      programCode: programs.code,
      programName: programs.name,
      institutionName: institutions.name,
      advisorName: users.fullName,
      leadName: leads.studentName,
    })
    .from(candidates)
    .leftJoin(programs, eq(programs.id, candidates.programId))
    .leftJoin(institutions, eq(institutions.id, candidates.institutionId))
    .leftJoin(users, eq(users.id, candidates.advisorId))
    .leftJoin(leads, eq(leads.id, candidates.leadId))
    .where(eq(candidates.id, id));
  if (!row) throw new NotFoundError("Candidate not found.");
  const guardianRows = await db.select().from(guardians).where(eq(guardians.candidateId, id)).orderBy(asc(guardians.id));
  const enrolled = await db
    .select({
      enrolmentId: enrolments.id,
      courseId: courses.id,
      code: courses.code,
      name: courses.name,
      credits: courses.credits,
      termName: terms.name,
      termLocked: terms.locked,
      status: enrolments.status,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(terms, eq(terms.id, courses.termId))
    .where(eq(enrolments.candidateId, id))
    .orderBy(desc(terms.startsOn), asc(courses.code));
  return {
    ...row.candidate,
    programCode: row.programCode,
    programName: row.programName,
    institutionName: row.institutionName,
    advisorName: row.advisorName,
    leadName: row.leadName,
    guardians: guardianRows,
    enrolments: enrolled,
  };
}

/** Next free number in the MB-<year>-NNNN series. */
async function nextCandidateNumber(tx: DbOrTx): Promise<string> {
  const year = new Date().getFullYear();
  const prefix = `MB-${year}-`;
  const [row] = await tx
    .select({ max: sql<string | null>`max(${candidates.candidateNumber})` })
    .from(candidates)
    .where(sql`${candidates.candidateNumber} like ${prefix + "%"}`);
  const last = row?.max ? Number(row.max.slice(prefix.length)) : 0;
  return `${prefix}${String((Number.isFinite(last) ? last : 0) + 1).padStart(4, "0")}`;
}

async function assertAdvisor(tx: DbOrTx, advisorId: number | null | undefined) {
  if (!advisorId) return;
  const [u] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, advisorId));
  if (!u || u.role !== "faculty" || !u.active)
    throw new DomainError("The advisor must be an active faculty member.", { advisorId: ["Choose a faculty member"] });
}

export async function createCandidate(actor: Actor, input: CandidateInput, tx?: DbOrTx) {
  assertCan(actor, "candidates.create");
  // Faculty add candidates as their own advisees (ClientSync TC-05).
  const advisorId = actor.role === "faculty" ? actor.id : (input.advisorId ?? null);
  const run = async (t: DbOrTx) => {
    await assertAdvisor(t, advisorId);
    const number = input.candidateNumber?.trim() || (await nextCandidateNumber(t));
    const [dup] = await t.select({ id: candidates.id }).from(candidates).where(eq(candidates.candidateNumber, number));
    if (dup) throw new DomainError(`Candidate number ${number} is already used.`, { candidateNumber: ["Already used by another candidate"] });
    if (input.leadId) {
      const [taken] = await t.select({ id: candidates.id }).from(candidates).where(eq(candidates.leadId, input.leadId));
      if (taken) throw new DomainError("That lead has already been converted to a candidate.", { leadId: ["Already converted"] });
    }
    const [row] = await t
      .insert(candidates)
      .values({
        candidateNumber: number,
        fullName: input.fullName.trim(),
        email: input.email ?? null,
        phone: input.phone ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
        programId: input.programId ?? null,
        institutionId: input.institutionId ?? null,
        advisorId,
        status: input.status,
        enrolledOn: input.enrolledOn ?? new Date().toISOString().slice(0, 10),
        notes: input.notes ?? null,
        consentToEmail: input.consentToEmail,
        leadId: input.leadId ?? null,
        createdBy: actor.id || null,
      })
      .returning();
    if (input.guardians.length) {
      await t.insert(guardians).values(input.guardians.map((g) => guardianValues(row.id, g)));
    }
    await recordAudit(t, actor, "create", "candidate", row.id, null, { ...row, guardians: input.guardians });
    return row;
  };
  return withTx(tx, run);
}

function guardianValues(candidateId: number, g: GuardianInput) {
  return {
    candidateId,
    fullName: g.fullName.trim(),
    relationship: g.relationship ?? null,
    email: g.email ?? null,
    phone: g.phone ?? null,
    preferredContact: g.preferredContact,
    receivesReports: g.receivesReports,
  };
}

export async function updateCandidate(actor: Actor, id: number, input: CandidateInput) {
  assertCan(actor, "candidates.update");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(candidates).where(eq(candidates.id, id));
    if (!before) throw new NotFoundError("Candidate not found.");
    await assertNotErased(tx, id);
    await assertAdvisor(tx, input.advisorId);
    const number = input.candidateNumber?.trim() || before.candidateNumber;
    if (number !== before.candidateNumber) {
      const [dup] = await tx.select({ id: candidates.id }).from(candidates).where(eq(candidates.candidateNumber, number));
      if (dup) throw new DomainError(`Candidate number ${number} is already used.`, { candidateNumber: ["Already used by another candidate"] });
    }
    const [after] = await tx
      .update(candidates)
      .set({
        candidateNumber: number,
        fullName: input.fullName.trim(),
        email: input.email ?? null,
        phone: input.phone ?? null,
        dateOfBirth: input.dateOfBirth ?? null,
        programId: input.programId ?? null,
        institutionId: input.institutionId ?? null,
        advisorId: input.advisorId ?? null,
        status: input.status,
        enrolledOn: input.enrolledOn ?? before.enrolledOn,
        notes: input.notes ?? null,
        consentToEmail: input.consentToEmail,
      })
      .where(eq(candidates.id, id))
      .returning();
    const beforeGuardians = await tx.select().from(guardians).where(eq(guardians.candidateId, id));
    // Guardians keep their ids (access links and emails refer to them): update, add, remove.
    const keep = new Set(input.guardians.filter((g) => g.id).map((g) => g.id!));
    const removed = beforeGuardians.filter((g) => !keep.has(g.id)).map((g) => g.id);
    const stopped = beforeGuardians.filter((b) => b.receivesReports && input.guardians.some((g) => g.id === b.id && !g.receivesReports)).map((g) => g.id);
    // Their result links close with them, before the delete sets the links' guardian to null.
    await revokeGuardianLinks(tx, actor, removed, "guardian removed");
    await revokeGuardianLinks(tx, actor, stopped, "reports stopped");
    if (removed.length) await tx.delete(guardians).where(and(eq(guardians.candidateId, id), inArray(guardians.id, removed)));
    for (const g of input.guardians) {
      if (g.id && beforeGuardians.some((b) => b.id === g.id)) {
        await tx
          .update(guardians)
          .set(guardianValues(id, g))
          .where(and(eq(guardians.id, g.id), eq(guardians.candidateId, id)));
      } else {
        await tx.insert(guardians).values(guardianValues(id, g));
      }
    }
    await recordAudit(tx, actor, "update", "candidate", id, { ...before, guardians: beforeGuardians }, { ...after, guardians: input.guardians });
    return after;
  });
}

/** Faculty may edit their advisees' notes (and admins anyone's). */
export async function updateCandidateNotes(actor: Actor, id: number, notes: string | null) {
  assertCan(actor, "candidates.notes");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(candidates).where(eq(candidates.id, id));
    if (!before) throw new NotFoundError("Candidate not found.");
    if (!can(actor.role, "candidates.update") && before.advisorId !== actor.id) throw new ForbiddenError("Only the candidate's advisor can edit these notes.");
    await assertNotErased(tx, id);
    const [after] = await tx.update(candidates).set({ notes }).where(eq(candidates.id, id)).returning();
    await recordAudit(tx, actor, "update-notes", "candidate", id, { notes: before.notes }, { notes });
    return after;
  });
}

export async function setCandidateStatus(actor: Actor, id: number, status: CandidateStatus) {
  assertCan(actor, "candidates.update");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(candidates).where(eq(candidates.id, id));
    if (!before) throw new NotFoundError("Candidate not found.");
    await assertNotErased(tx, id);
    const [after] = await tx.update(candidates).set({ status }).where(eq(candidates.id, id)).returning();
    await recordAudit(tx, actor, "change-status", "candidate", id, { status: before.status }, { status });
    return after;
  });
}

export async function enrol(actor: Actor, candidateIds: number[], courseId: number, tx?: DbOrTx): Promise<{ added: number; already: number }> {
  assertCan(actor, "enrolments.manage");
  const ids = [...new Set(candidateIds)];
  const run = async (t: DbOrTx) => {
    const [course] = await t.select({ id: courses.id }).from(courses).where(eq(courses.id, courseId));
    if (!course) throw new NotFoundError("Course not found.");
    const existing = ids.length
      ? await t
          .select({ candidateId: enrolments.candidateId })
          .from(enrolments)
          .where(and(eq(enrolments.courseId, courseId), inArray(enrolments.candidateId, ids)))
      : [];
    const have = new Set(existing.map((e) => e.candidateId));
    const add = ids.filter((i) => !have.has(i));
    const today = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < add.length; i += 500) {
      await t.insert(enrolments).values(add.slice(i, i + 500).map((candidateId) => ({ candidateId, courseId, enrolledOn: today })));
    }
    if (add.length) await recordAudit(t, actor, "enrol", "course", courseId, null, { candidateIds: add });
    return { added: add.length, already: ids.length - add.length };
  };
  return withTx(tx, run);
}

export async function setEnrolmentStatus(actor: Actor, enrolmentId: number, status: "active" | "dropped" | "completed") {
  assertCan(actor, "enrolments.manage");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(enrolments).where(eq(enrolments.id, enrolmentId));
    if (!before) throw new NotFoundError("Enrolment not found.");
    await tx.update(enrolments).set({ status }).where(eq(enrolments.id, enrolmentId));
    await recordAudit(tx, actor, "change-enrolment", "enrolment", enrolmentId, before, { ...before, status });
  });
}

/** Bulk enrolment by candidate numbers (pasted from a spreadsheet) or a whole program. */
export async function enrolMany(actor: Actor, courseId: number, opts: { numbers?: string[]; programId?: number | null }) {
  assertCan(actor, "enrolments.manage");
  return db.transaction(async (tx) => {
    const ids: number[] = [];
    const unknown: string[] = [];
    const numbers = [...new Set((opts.numbers ?? []).map((n) => n.trim()).filter(Boolean))];
    if (numbers.length) {
      const found = await tx
        .select({ id: candidates.id, number: candidates.candidateNumber })
        .from(candidates)
        .where(inArray(candidates.candidateNumber, numbers));
      const byNumber = new Map(found.map((f) => [f.number, f.id]));
      for (const n of numbers) {
        const id = byNumber.get(n);
        if (id) ids.push(id);
        else unknown.push(n);
      }
      if (unknown.length)
        throw new DomainError(
          `Unknown candidate number${unknown.length > 1 ? "s" : ""}: ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? "…" : ""}. Nothing was enrolled.`,
          { numbers: [`Unknown: ${unknown.slice(0, 10).join(", ")}`] },
        );
    }
    if (opts.programId) {
      const inProgram = await tx
        .select({ id: candidates.id })
        .from(candidates)
        .where(and(eq(candidates.programId, opts.programId), eq(candidates.status, "active")));
      ids.push(...inProgram.map((r) => r.id));
    }
    if (!ids.length)
      throw new DomainError("Choose candidates to enrol: paste candidate numbers or pick a program.", {
        numbers: ["Paste at least one candidate number, or choose a program"],
      });
    return enrol(actor, ids, courseId, tx);
  });
}

/**
 * Many candidates at once (seeding a large institution, bulk tools): the same rules as
 * createCandidate — unique numbers, guardians, an audit event each — as multi-row inserts.
 */
export async function createCandidatesBulk(tx: DbOrTx, actor: Actor, inputs: (CandidateInput & { candidateNumber: string })[]): Promise<number[]> {
  assertCan(actor, "candidates.create");
  const ids: number[] = [];
  for (let i = 0; i < inputs.length; i += 300) {
    const part = inputs.slice(i, i + 300);
    const rows = await tx
      .insert(candidates)
      .values(
        part.map((input) => ({
          candidateNumber: input.candidateNumber.trim(),
          fullName: input.fullName.trim(),
          email: input.email ?? null,
          phone: input.phone ?? null,
          dateOfBirth: input.dateOfBirth ?? null,
          programId: input.programId ?? null,
          institutionId: input.institutionId ?? null,
          advisorId: input.advisorId ?? null,
          status: input.status,
          enrolledOn: input.enrolledOn ?? null,
          notes: input.notes ?? null,
          consentToEmail: input.consentToEmail,
          createdBy: actor.id || null,
        })),
      )
      .returning();
    const gs = rows.flatMap((row, k) => part[k].guardians.map((g) => guardianValues(row.id, g)));
    for (let j = 0; j < gs.length; j += 300) await tx.insert(guardians).values(gs.slice(j, j + 300));
    await recordCreatedMany(tx, actor, "candidate", rows);
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}
