import "server-only";
import { and, asc, eq, inArray, isNotNull, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { client, db, type DbOrTx } from "@/db/client";
import {
  accessLinks,
  alerts,
  assessments,
  attendance,
  attendanceSessions,
  auditEvents,
  candidates,
  courseResults,
  courses,
  emailMessages,
  enrolments,
  gradeCardFiles,
  gradeCardRemarks,
  guardians,
  importChanges,
  institutions,
  interactions,
  jobRuns,
  leads,
  markChanges,
  marks,
  programs,
  tasks,
  terms,
  users,
} from "@/db/schema";
import { formatDate } from "@/lib/format";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { MAX_ATTEMPTS } from "./emails";
import { redactTokens } from "@/lib/email/personal-link";

// Subject access (export) and erasure of one candidate (PRODUCT.md §7). Erasure anonymises the
// person and every free text about them, and keeps the figures (marks' scores, attendance,
// course results) so course averages, medians and distributions do not move.

export const ERASED_TEXT = "[erased]";

const ERASED_NAME = "Erased candidate #";

export function erasedName(candidateId: number): string {
  return `${ERASED_NAME}${candidateId}`;
}

function erasedMessage(at: Date): string {
  return `This candidate's personal data was erased on ${formatDate(at)}; the record can no longer be changed.`;
}

/** Refuses any change to an erased candidate's record (edits, notes, guardians, interactions, tasks, emails). */
export async function assertNotErased(tx: DbOrTx, candidateId: number): Promise<void> {
  const [row] = await tx.select({ erasedAt: candidates.erasedAt }).from(candidates).where(eq(candidates.id, candidateId));
  if (row?.erasedAt) throw new DomainError(erasedMessage(row.erasedAt));
}

/**
 * The same for a lead anonymised by an erasure: the one the candidate came from, and any other
 * enquiry of the same person. A lead needs an email and a phone number everywhere it can be
 * entered, so the erased name with neither is erasure's mark (leads have no erased_at column).
 */
export async function assertLeadNotErased(tx: DbOrTx, leadId: number): Promise<void> {
  const [row] = await tx.select({ erasedAt: candidates.erasedAt }).from(candidates).where(eq(candidates.leadId, leadId));
  if (row?.erasedAt)
    throw new DomainError(`This enquiry belongs to a candidate whose personal data was erased on ${formatDate(row.erasedAt)}; it can no longer be changed.`);
  const [lead] = await tx
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.id, leadId), erasedLead()));
  if (lead) throw new DomainError("This enquiry belonged to a person whose personal data was erased; it can no longer be changed.");
}

function erasedLead(): SQL {
  return sql`(${leads.email} = '' and ${leads.phone} = '' and ${leads.studentName} like ${`${ERASED_NAME}%`})`;
}

/**
 * Refuses new free text (feedback, notes, reasons) about erased candidates among `candidateIds`.
 * Their figures (scores, statuses, attendance) may still be entered without text, so a course's
 * results can be completed after one of its candidates asked to be erased.
 */
export async function assertNoTextForErased(tx: DbOrTx, candidateIds: number[], what: string, field?: string): Promise<void> {
  const ids = [...new Set(candidateIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const [row] = await tx
      .select({ fullName: candidates.fullName, erasedAt: candidates.erasedAt })
      .from(candidates)
      .where(and(inArray(candidates.id, ids.slice(i, i + 500)), isNotNull(candidates.erasedAt)))
      .limit(1);
    if (row?.erasedAt) {
      const message = `${row.fullName}'s personal data was erased on ${formatDate(row.erasedAt)}: ${what} can no longer be written about them. Scores and attendance can still be entered, without text.`;
      throw new DomainError(message, field ? { [field]: [`No ${what} for an erased candidate`] } : undefined);
    }
  }
}

// ——— Subject access export ———

const likeJson = (col: AnySQLiteColumn, key: string, id: number) => sql`(${col} like ${`%"${key}":${id},%`} or ${col} like ${`%"${key}":${id}}%`})`;

/**
 * Everything Markbook holds about one candidate, as plain JSON: profile, guardians, the lead
 * they came from, enrolments, marks with their history, attendance, results, alerts,
 * interactions, tasks, emails, result links and the audit trail about them. Nothing about
 * another candidate. The export itself is recorded in the audit trail.
 */
export async function exportCandidateData(actor: Actor, candidateId: number) {
  assertCan(actor, "candidates.privacy");
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(candidates).where(eq(candidates.id, candidateId));
    if (!c) throw new NotFoundError("Candidate not found.");
    const [program] = c.programId
      ? await tx.select({ id: programs.id, code: programs.code, name: programs.name }).from(programs).where(eq(programs.id, c.programId))
      : [];
    const [institution] = c.institutionId
      ? await tx
          .select({ id: institutions.id, name: institutions.name, city: institutions.city })
          .from(institutions)
          .where(eq(institutions.id, c.institutionId))
      : [];
    const guardianRows = await tx.select().from(guardians).where(eq(guardians.candidateId, candidateId)).orderBy(asc(guardians.id));
    const [lead] = c.leadId ? await tx.select().from(leads).where(eq(leads.id, c.leadId)) : [];
    const aboutThem = (candidateCol: AnySQLiteColumn, leadCol: AnySQLiteColumn): SQL =>
      c.leadId ? or(eq(candidateCol, candidateId), eq(leadCol, c.leadId))! : eq(candidateCol, candidateId);

    const enrolmentRows = await tx
      .select({
        id: enrolments.id,
        courseId: courses.id,
        courseCode: courses.code,
        courseName: courses.name,
        credits: courses.credits,
        term: terms.name,
        status: enrolments.status,
        enrolledOn: enrolments.enrolledOn,
        createdAt: enrolments.createdAt,
        updatedAt: enrolments.updatedAt,
      })
      .from(enrolments)
      .innerJoin(courses, eq(courses.id, enrolments.courseId))
      .innerJoin(terms, eq(terms.id, courses.termId))
      .where(eq(enrolments.candidateId, candidateId))
      .orderBy(asc(enrolments.id));
    const markRows = await tx
      .select({
        mark: marks,
        assessment: {
          id: assessments.id,
          name: assessments.name,
          kind: assessments.kind,
          maxScore: assessments.maxScore,
          weight: assessments.weight,
          dueOn: assessments.dueOn,
          courseCode: courses.code,
        },
      })
      .from(marks)
      .innerJoin(assessments, eq(assessments.id, marks.assessmentId))
      .innerJoin(courses, eq(courses.id, assessments.courseId))
      .where(eq(marks.candidateId, candidateId))
      .orderBy(asc(marks.id));
    const history = await tx
      .select()
      .from(markChanges)
      .where(eq(markChanges.candidateId, candidateId))
      .orderBy(asc(markChanges.changedAt), asc(markChanges.id));
    const attendanceRows = await tx
      .select({
        record: attendance,
        session: { id: attendanceSessions.id, heldOn: attendanceSessions.heldOn, topic: attendanceSessions.topic, courseCode: courses.code },
      })
      .from(attendance)
      .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
      .innerJoin(courses, eq(courses.id, attendanceSessions.courseId))
      .where(eq(attendance.candidateId, candidateId))
      .orderBy(asc(attendanceSessions.heldOn), asc(attendance.id));
    const resultRows = await tx
      .select({ result: courseResults, courseCode: courses.code, courseName: courses.name })
      .from(courseResults)
      .innerJoin(courses, eq(courses.id, courseResults.courseId))
      .where(eq(courseResults.candidateId, candidateId))
      .orderBy(asc(courses.code));
    const alertRows = await tx.select().from(alerts).where(eq(alerts.candidateId, candidateId)).orderBy(asc(alerts.id));
    const interactionRows = await tx
      .select()
      .from(interactions)
      .where(aboutThem(interactions.candidateId, interactions.leadId))
      .orderBy(asc(interactions.occurredAt), asc(interactions.id));
    const taskRows = await tx.select().from(tasks).where(aboutThem(tasks.candidateId, tasks.leadId)).orderBy(asc(tasks.id));
    const emailRows = await tx
      .select({
        id: emailMessages.id,
        to: emailMessages.to,
        template: emailMessages.template,
        subject: emailMessages.subject,
        text: emailMessages.text,
        status: emailMessages.status,
        error: emailMessages.error,
        attempts: emailMessages.attempts,
        sentAt: emailMessages.sentAt,
        candidateId: emailMessages.candidateId,
        leadId: emailMessages.leadId,
        createdAt: emailMessages.createdAt,
      })
      .from(emailMessages)
      .where(aboutThem(emailMessages.candidateId, emailMessages.leadId))
      .orderBy(asc(emailMessages.id));
    // The log holds personal links only as a placeholder; a row from before that is redacted here too.
    for (const r of emailRows) r.text = redactTokens(r.text).body;
    // Never the token's hash: the export must not become a way into the result page.
    const linkRows = await tx
      .select({
        id: accessLinks.id,
        guardianId: accessLinks.guardianId,
        recipient: accessLinks.recipient,
        expiresAt: accessLinks.expiresAt,
        revokedAt: accessLinks.revokedAt,
        lastUsedAt: accessLinks.lastUsedAt,
        uses: accessLinks.uses,
        createdBy: accessLinks.createdBy,
        createdAt: accessLinks.createdAt,
      })
      .from(accessLinks)
      .where(eq(accessLinks.candidateId, candidateId))
      .orderBy(asc(accessLinks.id));

    const remarkRows = await tx
      .select({
        id: gradeCardRemarks.id,
        termId: gradeCardRemarks.termId,
        term: terms.name,
        body: gradeCardRemarks.body,
        updatedBy: gradeCardRemarks.updatedBy,
        createdAt: gradeCardRemarks.createdAt,
        updatedAt: gradeCardRemarks.updatedAt,
      })
      .from(gradeCardRemarks)
      .innerJoin(terms, eq(terms.id, gradeCardRemarks.termId))
      .where(eq(gradeCardRemarks.candidateId, candidateId))
      .orderBy(asc(gradeCardRemarks.id));

    // The trail about them: their own record and lead, and the records that are theirs alone
    // (not course-wide events, which would name other candidates).
    const owned: [string, number[]][] = [
      ["interaction", interactionRows.map((r) => r.id)],
      ["task", taskRows.map((r) => r.id)],
      ["mark", markRows.map((r) => r.mark.id)],
      ["enrolment", enrolmentRows.map((r) => r.id)],
      ["alert", alertRows.map((r) => r.id)],
      ["access_link", linkRows.map((r) => r.id)],
      ["email", emailRows.map((r) => r.id)],
      ["grade_card_remarks", remarkRows.map((r) => r.id)],
    ];
    const auditWhere: SQL[] = [and(eq(auditEvents.entity, "candidate"), eq(auditEvents.entityId, String(candidateId)))!];
    if (c.leadId) auditWhere.push(and(eq(auditEvents.entity, "lead"), eq(auditEvents.entityId, String(c.leadId)))!);
    for (const [entity, ids] of owned) if (ids.length) auditWhere.push(and(eq(auditEvents.entity, entity), inArray(auditEvents.entityId, ids.map(String)))!);
    // Interactions and tasks deleted since: their snapshot says whose they were.
    const deletedOwn = or(likeJson(auditEvents.before, "candidateId", candidateId), c.leadId ? likeJson(auditEvents.before, "leadId", c.leadId) : undefined);
    auditWhere.push(and(inArray(auditEvents.entity, ["interaction", "task"]), eq(auditEvents.action, "delete"), deletedOwn)!);
    const auditRows = (
      await tx
        .select()
        .from(auditEvents)
        .where(or(...auditWhere))
        .orderBy(asc(auditEvents.at), asc(auditEvents.id))
    ).filter((e) => {
      if (e.action !== "delete" || (e.entity !== "interaction" && e.entity !== "task")) return true;
      return e.before?.candidateId === candidateId || (!!c.leadId && e.before?.leadId === c.leadId);
    });

    // Staff named by id anywhere above, so the file reads without Markbook.
    const staffIds = new Set<number>();
    const addStaff = (...ids: (number | null | undefined)[]) => ids.forEach((i) => i && staffIds.add(i));
    addStaff(c.advisorId, c.createdBy, lead?.ownerId, lead?.createdBy);
    markRows.forEach((m) => addStaff(m.mark.enteredBy));
    history.forEach((h) => addStaff(h.changedBy));
    attendanceRows.forEach((a) => addStaff(a.record.recordedBy));
    alertRows.forEach((a) => addStaff(a.acknowledgedBy));
    interactionRows.forEach((i) => addStaff(i.userId));
    taskRows.forEach((t) => addStaff(t.ownerId, t.createdBy));
    linkRows.forEach((l) => addStaff(l.createdBy));
    remarkRows.forEach((r) => addStaff(r.updatedBy));
    auditRows.forEach((e) => addStaff(e.actorId));
    const staff = staffIds.size
      ? await tx
          .select({ id: users.id, fullName: users.fullName, role: users.role })
          .from(users)
          .where(inArray(users.id, [...staffIds]))
          .orderBy(asc(users.id))
      : [];

    const data = {
      format: "markbook.candidate-export/1",
      exportedAt: new Date().toISOString(),
      exportedBy: actor.fullName,
      candidate: { ...c, program: program ?? null, institution: institution ?? null },
      guardians: guardianRows,
      lead: lead ?? null,
      enrolments: enrolmentRows,
      marks: markRows.map((m) => ({ ...m.mark, assessment: m.assessment, history: history.filter((h) => h.markId === m.mark.id) })),
      attendance: attendanceRows.map((a) => ({ ...a.record, session: a.session })),
      courseResults: resultRows.map((r) => ({ ...r.result, courseCode: r.courseCode, courseName: r.courseName })),
      alerts: alertRows,
      interactions: interactionRows,
      tasks: taskRows,
      emails: emailRows,
      resultLinks: linkRows,
      gradeCardRemarks: remarkRows,
      auditEvents: auditRows,
      staff,
    };
    const counts = Object.fromEntries(
      Object.entries(data)
        .filter(([, v]) => Array.isArray(v))
        .map(([k, v]) => [k, (v as unknown[]).length]),
    );
    await recordAudit(tx, actor, "candidate.exported", "candidate", candidateId, null, { format: data.format, counts });
    return { fileName: `candidate-${c.candidateNumber}.json`, data };
  });
}

// ——— Erasure ———

type Needle = { re: RegExp; probe: string[]; replacement: string };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/**
 * The strings that identify the person wherever free text mentions them (a task title, a
 * staff digest, an audit snapshot). Short or one-word values are left out: replacing "Ravi"
 * everywhere would damage other people's records; the fields that hold them are cleared instead.
 */
function needlesOf(values: { value: string | null | undefined; kind: "name" | "email" | "phone" | "number"; replacement: string }[]): Needle[] {
  const out: Needle[] = [];
  const seen = new Set<string>();
  for (const { value, kind, replacement } of values) {
    const v = value?.trim();
    if (!v) continue;
    const ok =
      kind === "email"
        ? v.includes("@") && v.length >= 5
        : kind === "phone"
          ? v.replace(/\D/g, "").length >= 6
          : kind === "number"
            ? v.length >= 4
            : v.length >= 7 || (/\s/.test(v) && v.length >= 5);
    if (!ok) continue;
    for (const form of new Set([v, escapeHtml(v)])) {
      if (seen.has(form.toLowerCase())) continue;
      seen.add(form.toLowerCase());
      // Not inside a longer word or number: "MB-2026-0001" must not eat into "MB-2026-00012".
      out.push({
        re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(form)}(?![\\p{L}\\p{N}])`, "giu"),
        probe: [...new Set([form, form.toLowerCase()])],
        replacement,
      });
    }
  }
  return out;
}

function scrubText(s: string, needles: Needle[]): string {
  let out = s;
  for (const n of needles) out = out.replace(n.re, n.replacement);
  return out;
}

/** A where-clause: the column mentions one of the needles (a cheap prefilter; the regex decides). */
function mentions(col: AnySQLiteColumn | SQL, needles: Needle[]): SQL | undefined {
  const probes = [...new Set(needles.flatMap((n) => n.probe))];
  if (!probes.length) return undefined;
  return or(...probes.map((p) => (p === p.toLowerCase() ? sql`instr(lower(${col}), ${p}) > 0` : sql`instr(${col}, ${p}) > 0`)));
}

type ScrubCtx = {
  candidateId: number;
  leadIds: Set<number>;
  guardianIds: Set<number>;
  anonName: string;
  newNumber: string;
  taskTitle: string;
  needles: Needle[];
};
type Subject = "candidate" | "guardian" | "lead" | "related";

// What a snapshot's personal and free-text keys become. Nulls stay null; names become the
// anonymised name, so an import's undo would restore nothing but that.
function replacementFor(key: string, subject: Subject, ctx: ScrubCtx): { value: unknown } | null {
  switch (key) {
    case "fullName":
      return { value: subject === "guardian" ? ERASED_TEXT : ctx.anonName };
    case "studentName":
      return { value: ctx.anonName };
    case "candidateNumber":
      return subject === "candidate" ? { value: ctx.newNumber } : null;
    case "email":
    case "phone":
      return { value: subject === "lead" ? "" : null };
    case "dateOfBirth":
    case "notes":
    case "nextStep":
    case "relationship":
    case "note":
    case "feedback":
    case "oldFeedback":
    case "newFeedback":
    case "acknowledgeNote":
    case "recipient":
    case "description":
    case "reason":
    case "error":
      return { value: null };
    case "body":
    case "subject":
    case "to":
      return { value: ERASED_TEXT };
    case "html":
    case "text":
      return { value: "" };
    case "title":
      return { value: ctx.taskTitle };
    default:
      return null;
  }
}

function subjectOf(obj: Record<string, unknown>, ctx: ScrubCtx): Subject | null {
  if (obj.candidateId === ctx.candidateId) return "related";
  if (typeof obj.leadId === "number" && ctx.leadIds.has(obj.leadId)) return "related";
  if (typeof obj.guardianId === "number" && ctx.guardianIds.has(obj.guardianId)) return "related";
  return null;
}

/** Walks a JSON snapshot: objects about the person lose their personal fields; any other text loses mentions of them. */
function scrubJson(value: unknown, ctx: ScrubCtx, subject: Subject | null): unknown {
  if (typeof value === "string") return scrubText(value, ctx.needles);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, ctx, subject === "related" ? null : subject));
  if (!value || typeof value !== "object") return value;
  const obj = value as Record<string, unknown>;
  const mine = subject ?? subjectOf(obj, ctx);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (mine && k === "guardians" && Array.isArray(v)) {
      out[k] = v.map((g) => scrubJson(g, ctx, "guardian"));
      continue;
    }
    const r = mine && v !== null && v !== undefined && (typeof v !== "object" || Array.isArray(v)) ? replacementFor(k, mine, ctx) : null;
    out[k] = r ? r.value : scrubJson(v, ctx, mine === "related" ? null : mine);
  }
  return out;
}

// Free text anywhere that might mention the person by name, email, phone or number.
const FREE_TEXT: { table: string; cols: string[] }[] = [
  { table: "candidates", cols: ["notes"] },
  { table: "leads", cols: ["notes", "next_step"] },
  { table: "interactions", cols: ["body"] },
  { table: "tasks", cols: ["title", "description"] },
  { table: "marks", cols: ["feedback"] },
  { table: "mark_changes", cols: ["reason", "old_feedback", "new_feedback"] },
  { table: "attendance", cols: ["note"] },
  { table: "attendance_sessions", cols: ["topic"] },
  { table: "alerts", cols: ["message", "acknowledge_note"] },
  { table: "email_messages", cols: ["subject", "html", "text", "error"] },
];

async function scrubFreeText(tx: DbOrTx, needles: Needle[]): Promise<number> {
  if (!needles.length) return 0;
  let changed = 0;
  for (const { table, cols } of FREE_TEXT) {
    const where = or(...cols.map((c) => mentions(sql.raw(`"${c}"`), needles)));
    const rows = await tx.all<Record<string, string | number | null>>(
      sql`select id, ${sql.raw(cols.map((c) => `"${c}"`).join(", "))} from ${sql.raw(`"${table}"`)} where ${where}`,
    );
    for (const row of rows) {
      const sets: SQL[] = [];
      for (const c of cols) {
        const v = row[c];
        if (typeof v !== "string") continue;
        const next = scrubText(v, needles);
        if (next !== v) sets.push(sql`${sql.raw(`"${c}"`)} = ${next}`);
      }
      if (!sets.length) continue;
      await tx.run(sql`update ${sql.raw(`"${table}"`)} set ${sql.join(sets, sql`, `)} where id = ${row.id}`);
      changed += 1;
    }
  }
  return changed;
}

/** Rewrites JSON snapshots (audit events, import changes) that hold the person's data. */
async function scrubSnapshots(tx: DbOrTx, ctx: ScrubCtx, guardianIdList: number[]): Promise<{ auditEvents: number; importChanges: number }> {
  const refs = (before: AnySQLiteColumn, after: AnySQLiteColumn) =>
    or(
      likeJson(before, "candidateId", ctx.candidateId),
      likeJson(after, "candidateId", ctx.candidateId),
      ...[...ctx.leadIds].flatMap((l) => [likeJson(before, "leadId", l), likeJson(after, "leadId", l)]),
      ...guardianIdList.flatMap((g) => [likeJson(before, "guardianId", g), likeJson(after, "guardianId", g)]),
      mentions(before, ctx.needles),
      mentions(after, ctx.needles),
    );
  const topSubject = (entity: string, entityId: string | number): Subject | null => {
    if (entity === "candidate" && String(entityId) === String(ctx.candidateId)) return "candidate";
    if (entity === "lead" && ctx.leadIds.has(Number(entityId))) return "lead";
    if (entity === "guardian" && ctx.guardianIds.has(Number(entityId))) return "guardian";
    return null;
  };
  const rewrite = (before: unknown, after: unknown, subject: Subject | null) => {
    const b = before === null ? null : (scrubJson(before, ctx, subject) as Record<string, unknown>);
    const a = after === null ? null : (scrubJson(after, ctx, subject) as Record<string, unknown>);
    return { b, a, changed: JSON.stringify(b) !== JSON.stringify(before) || JSON.stringify(a) !== JSON.stringify(after) };
  };

  let audits = 0;
  // Staff accounts' own trail is about the staff member, even if they share a guardian's email.
  const events = await tx
    .select({ id: auditEvents.id, entity: auditEvents.entity, entityId: auditEvents.entityId, before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .where(
      and(
        ne(auditEvents.entity, "user"),
        or(
          and(eq(auditEvents.entity, "candidate"), eq(auditEvents.entityId, String(ctx.candidateId))),
          ctx.leadIds.size ? and(eq(auditEvents.entity, "lead"), inArray(auditEvents.entityId, [...ctx.leadIds].map(String))) : undefined,
          refs(auditEvents.before, auditEvents.after),
        ),
      ),
    );
  for (const e of events) {
    const { b, a, changed } = rewrite(e.before, e.after, topSubject(e.entity, e.entityId));
    if (!changed) continue;
    // The trail is append-only, with this one exception: erasure must reach the copies too.
    await tx.update(auditEvents).set({ before: b, after: a }).where(eq(auditEvents.id, e.id));
    audits += 1;
  }

  let imported = 0;
  const changes = await tx
    .select()
    .from(importChanges)
    .where(
      or(
        and(eq(importChanges.entity, "candidate"), eq(importChanges.entityId, ctx.candidateId)),
        ctx.leadIds.size ? and(eq(importChanges.entity, "lead"), inArray(importChanges.entityId, [...ctx.leadIds])) : undefined,
        guardianIdList.length ? and(eq(importChanges.entity, "guardian"), inArray(importChanges.entityId, guardianIdList)) : undefined,
        refs(importChanges.before, importChanges.after),
      ),
    );
  for (const ch of changes) {
    const { b, a, changed } = rewrite(ch.before, ch.after, topSubject(ch.entity, ch.entityId));
    if (!changed) continue;
    await tx.update(importChanges).set({ before: b, after: a }).where(eq(importChanges.id, ch.id));
    imported += 1;
  }

  const jobs = ctx.needles.length ? await tx.select().from(jobRuns).where(mentions(jobRuns.result, ctx.needles)) : [];
  for (const j of jobs) {
    const next = scrubJson(j.result, ctx, null) as Record<string, unknown>;
    if (JSON.stringify(next) !== JSON.stringify(j.result)) await tx.update(jobRuns).set({ result: next }).where(eq(jobRuns.id, j.id));
  }
  return { auditEvents: audits, importChanges: imported };
}

const personName = (v: string | null | undefined) => v?.trim().toLowerCase().replace(/\s+/g, " ") || null;
const emailOf = (v: string | null | undefined) => v?.trim().toLowerCase() || null;
// The last ten digits: "+91 98111 22334" and "098111 22334" are one number.
const phoneOf = (v: string | null | undefined) => {
  const d = v?.replace(/\D/g, "") ?? "";
  return d.length >= 6 ? d.slice(-10) : null;
};
const firstName = (v: string | null) => v?.split(" ")[0] ?? null;

/**
 * The person's other enquiries: leads that are not another candidate's record and carry their
 * name with one of their emails or phone numbers, or both an email and a phone number of theirs
 * under the same first name (a nickname, a typo). A shared family email or phone alone is not
 * enough: a sibling's enquiry through the same parent must keep its data.
 */
async function duplicateLeads(
  tx: DbOrTx,
  person: { leadId: number | null; names: (string | null | undefined)[]; emails: (string | null | undefined)[]; phones: (string | null | undefined)[] },
) {
  const names = new Set(person.names.map(personName).filter((v): v is string => !!v));
  const emails = new Set(person.emails.map(emailOf).filter((v): v is string => !!v));
  const phones = new Set(person.phones.map(phoneOf).filter((v): v is string => !!v));
  const firsts = new Set([...names].map(firstName));
  if (!names.size && !emails.size) return [];
  // Every rule needs the name or an email: those narrow the search, the rules decide.
  const found = await tx
    .select({ id: leads.id, studentName: leads.studentName, email: leads.email, phone: leads.phone })
    .from(leads)
    .where(
      and(
        person.leadId ? ne(leads.id, person.leadId) : undefined,
        sql`not exists (select 1 from ${candidates} where ${candidates.leadId} = ${leads.id})`,
        or(
          names.size ? inArray(sql`lower(trim(${leads.studentName}))`, [...names]) : undefined,
          names.size ? or(...[...firsts].map((f) => sql`lower(${leads.studentName}) like ${`${f}%`}`)) : undefined,
          emails.size ? inArray(sql`lower(trim(${leads.email}))`, [...emails]) : undefined,
        ),
      ),
    );
  return found.filter((l) => {
    const name = personName(l.studentName);
    const email = !!emailOf(l.email) && emails.has(emailOf(l.email)!);
    const phone = !!phoneOf(l.phone) && phones.has(phoneOf(l.phone)!);
    if (name && names.has(name)) return email || phone;
    return email && phone && firsts.has(firstName(name));
  });
}

/** What erasure clears, by table and column: stored in the audit event instead of the values. */
export const ERASED_FIELDS = [
  "candidates.full_name",
  "candidates.candidate_number",
  "candidates.email",
  "candidates.phone",
  "candidates.date_of_birth",
  "candidates.notes",
  "guardians (deleted)",
  "leads.student_name",
  "leads.email",
  "leads.phone",
  "leads.notes",
  "leads.next_step",
  "interactions.body",
  "tasks.title",
  "tasks.description",
  "marks.feedback",
  "mark_changes.old_feedback",
  "mark_changes.new_feedback",
  "mark_changes.reason",
  "attendance.note",
  "alerts.acknowledge_note",
  "email_messages.to",
  "email_messages.subject",
  "email_messages.html",
  "email_messages.text",
  "access_links.recipient",
  "grade_card_remarks (deleted)",
  "audit_events.before/after",
  "import_changes.before/after",
] as const;

const sameNumber = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Erases a candidate's personal data in one transaction: the person is anonymised, their
 * guardians deleted, every free text about them cleared (interactions, tasks, feedback,
 * notes, emails, the lead they came from, the audit trail's copies) and their result links
 * revoked. Marks' scores, attendance and course results are kept, so every course figure
 * stays as it was. The caller types the candidate number to confirm and gives a reason.
 */
export async function eraseCandidate(actor: Actor, candidateId: number, input: { confirm: string; reason: string }) {
  assertCan(actor, "candidates.privacy");
  const reasonText = input.reason.trim();
  const erased = await db.transaction(async (tx) => {
    const [c] = await tx.select().from(candidates).where(eq(candidates.id, candidateId));
    if (!c) throw new NotFoundError("Candidate not found.");
    if (c.erasedAt) throw new DomainError(`This candidate was already erased on ${formatDate(c.erasedAt)}.`);
    if (!sameNumber(input.confirm, c.candidateNumber)) {
      throw new DomainError("The confirmation does not match; nothing was erased.", { confirm: [`Type the candidate number ${c.candidateNumber} to confirm`] });
    }
    if (!reasonText) throw new DomainError("Give a reason; nothing was erased.", { reason: ["Say why this candidate's data is being erased"] });

    const now = new Date();
    const anonName = erasedName(c.id);
    let newNumber = `ERASED-${c.id}`;
    const [taken] = await tx
      .select({ id: candidates.id })
      .from(candidates)
      .where(and(eq(candidates.candidateNumber, newNumber), ne(candidates.id, c.id)));
    if (taken) newNumber = `ERASED-${c.id}-${now.getTime().toString(36)}`;
    const guardianRows = await tx.select().from(guardians).where(eq(guardians.candidateId, c.id));
    const guardianIds = guardianRows.map((g) => g.id);
    const [lead] = c.leadId ? await tx.select().from(leads).where(eq(leads.id, c.leadId)) : [];
    const leadId = lead?.id ?? null;
    // Only on the embedded file: a libSQL server keeps its own storage.
    const embedded = client.protocol === "file";
    // Deleted and overwritten rows are zeroed in the file rather than left in its free space.
    // PRAGMAs belong to a connection and a transaction has its own, so it is set on this one.
    if (embedded) await tx.run(sql`pragma secure_delete = on`);

    // A guardian who is also another candidate's guardian (siblings) keeps their data there:
    // only what is this candidate's alone is searched for elsewhere.
    const otherGuardians = guardianRows.length
      ? await tx
          .select({ fullName: guardians.fullName, email: guardians.email, phone: guardians.phone })
          .from(guardians)
          .where(
            and(
              ne(guardians.candidateId, c.id),
              or(
                inArray(
                  guardians.fullName,
                  guardianRows.map((g) => g.fullName),
                ),
                inArray(
                  sql`lower(${guardians.email})`,
                  guardianRows.map((g) => g.email?.toLowerCase() ?? ""),
                ),
                inArray(
                  guardians.phone,
                  guardianRows.map((g) => g.phone ?? ""),
                ),
              ),
            ),
          )
      : [];
    const shared = new Set(otherGuardians.flatMap((g) => [g.fullName.toLowerCase(), g.email?.toLowerCase(), g.phone]).filter((v): v is string => !!v));
    const own = (v: string | null | undefined) => (v && !shared.has(v.toLowerCase()) ? v : null);
    const otherLeads = await duplicateLeads(tx, {
      leadId,
      names: [c.fullName, lead?.studentName],
      emails: [c.email, lead?.email, ...guardianRows.map((g) => own(g.email))],
      phones: [c.phone, lead?.phone, ...guardianRows.map((g) => own(g.phone))],
    });
    const leadIds = [...(leadId ? [leadId] : []), ...otherLeads.map((l) => l.id)];
    const needles = needlesOf([
      { value: c.fullName, kind: "name", replacement: anonName },
      { value: c.email, kind: "email", replacement: ERASED_TEXT },
      { value: c.phone, kind: "phone", replacement: ERASED_TEXT },
      { value: c.candidateNumber, kind: "number", replacement: newNumber },
      { value: lead?.studentName, kind: "name", replacement: anonName },
      { value: lead?.email, kind: "email", replacement: ERASED_TEXT },
      { value: lead?.phone, kind: "phone", replacement: ERASED_TEXT },
      ...otherLeads.flatMap((l) => [
        { value: l.studentName, kind: "name" as const, replacement: anonName },
        { value: l.email, kind: "email" as const, replacement: ERASED_TEXT },
        { value: l.phone, kind: "phone" as const, replacement: ERASED_TEXT },
      ]),
      ...guardianRows.flatMap((g) => [
        { value: own(g.fullName), kind: "name" as const, replacement: ERASED_TEXT },
        { value: own(g.email), kind: "email" as const, replacement: ERASED_TEXT },
        { value: own(g.phone), kind: "phone" as const, replacement: ERASED_TEXT },
      ]),
    ]);
    const ctx: ScrubCtx = {
      candidateId: c.id,
      leadIds: new Set(leadIds),
      guardianIds: new Set(guardianIds),
      anonName,
      newNumber,
      taskTitle: `Task about ${anonName.toLowerCase()}`,
      needles,
    };
    const theirs = (candidateCol: AnySQLiteColumn, leadCol: AnySQLiteColumn): SQL =>
      leadIds.length ? or(eq(candidateCol, c.id), inArray(leadCol, leadIds))! : eq(candidateCol, c.id);
    const counts: Record<string, number> = { guardians: guardianIds.length, otherLeads: otherLeads.length };

    await tx
      .update(candidates)
      .set({ candidateNumber: newNumber, fullName: anonName, email: null, phone: null, dateOfBirth: null, notes: null, consentToEmail: false, erasedAt: now })
      .where(eq(candidates.id, c.id));

    // Result links: revoked, and no longer say who they were sent to.
    counts.resultLinksRevoked = (
      await tx
        .update(accessLinks)
        .set({ revokedAt: now, revokedBy: actor.id || null })
        .where(and(eq(accessLinks.candidateId, c.id), sql`${accessLinks.revokedAt} is null`))
        .returning({ id: accessLinks.id })
    ).length;
    await tx.update(accessLinks).set({ recipient: null, guardianId: null }).where(eq(accessLinks.candidateId, c.id));
    if (guardianIds.length) await tx.delete(guardians).where(eq(guardians.candidateId, c.id));
    // Printed grade cards carry the name, number and guardians: gone (zeroed, with secure_delete).
    counts.gradeCards = (await tx.delete(gradeCardFiles).where(eq(gradeCardFiles.candidateId, c.id)).returning({ id: gradeCardFiles.id })).length;
    // What the class teacher wrote about them for their cards: gone with the cards.
    counts.gradeCardRemarks = (await tx.delete(gradeCardRemarks).where(eq(gradeCardRemarks.candidateId, c.id)).returning({ id: gradeCardRemarks.id })).length;

    // Every enquiry of theirs keeps its place in the pipeline's figures, without the person.
    if (leadIds.length) {
      await tx.update(leads).set({ studentName: anonName, email: "", phone: "", notes: null, nextStep: null }).where(inArray(leads.id, leadIds));
    }
    counts.interactions = (
      await tx.update(interactions).set({ body: ERASED_TEXT }).where(theirs(interactions.candidateId, interactions.leadId)).returning({ id: interactions.id })
    ).length;
    counts.tasks = (
      await tx.update(tasks).set({ title: ctx.taskTitle, description: null }).where(theirs(tasks.candidateId, tasks.leadId)).returning({ id: tasks.id })
    ).length;

    // The figures stay; only the words go. A new version, so a gradebook or register open
    // elsewhere cannot write the old words back.
    counts.marks = (
      await tx
        .update(marks)
        .set({ feedback: null, version: sql`${marks.version} + 1` })
        .where(and(eq(marks.candidateId, c.id), sql`${marks.feedback} is not null`))
        .returning({ id: marks.id })
    ).length;
    await tx.update(markChanges).set({ oldFeedback: null, newFeedback: null, reason: null }).where(eq(markChanges.candidateId, c.id));
    await tx
      .update(attendance)
      .set({ note: null, version: sql`${attendance.version} + 1` })
      .where(and(eq(attendance.candidateId, c.id), sql`${attendance.note} is not null`));
    await tx.update(alerts).set({ acknowledgeNote: null }).where(eq(alerts.candidateId, c.id));

    // Emails: the log keeps that a message existed (status, template, dates), not to whom or what it said.
    // Also messages sent to them directly, about no one else (a sibling's report to a shared guardian stays).
    const addresses = [c.email, lead?.email, ...otherLeads.map((l) => l.email), ...guardianRows.map((g) => own(g.email))]
      .filter((e): e is string => !!e?.trim())
      .map((e) => e.trim().toLowerCase());
    const theirMail = or(
      theirs(emailMessages.candidateId, emailMessages.leadId),
      addresses.length ? and(inArray(sql`lower(${emailMessages.to})`, addresses), isNull(emailMessages.candidateId), isNull(emailMessages.leadId)) : undefined,
    )!;
    await tx
      .update(emailMessages)
      .set({ status: "failed", attempts: MAX_ATTEMPTS, nextAttemptAt: null, error: "Not sent: the candidate's personal data was erased." })
      .where(and(theirMail, ne(emailMessages.status, "sent")));
    counts.emails = (
      await tx
        .update(emailMessages)
        .set({ to: ERASED_TEXT, subject: ERASED_TEXT, html: "", text: "", dedupeKey: null })
        .where(theirMail)
        .returning({ id: emailMessages.id })
    ).length;

    counts.otherTexts = await scrubFreeText(tx, needles);
    const snaps = await scrubSnapshots(tx, ctx, guardianIds);
    counts.auditEvents = snaps.auditEvents;
    counts.importChanges = snaps.importChanges;

    await recordAudit(
      tx,
      actor,
      "candidate.erased",
      "candidate",
      c.id,
      { fields: ERASED_FIELDS, guardianIds, leadId, otherLeadIds: otherLeads.map((l) => l.id) },
      { erasedAt: now.toISOString(), candidateNumber: newNumber, reason: scrubText(reasonText, needles), counts },
    );
    return { id: c.id, erasedAt: now, counts };
  });
  return { ...erased, walEmptied: await emptyWal() };
}

/**
 * The WAL still holds the pages as they were before the erasure: copy what is current into the
 * database file and cut the WAL to nothing. Embedded file only; a libSQL server keeps its own
 * log. A reader in another process can hold it back: then it stays until the next checkpoint.
 */
async function emptyWal(): Promise<boolean> {
  if (client.protocol !== "file") return false;
  const r = await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const busy = Number(r.rows[0]?.[0] ?? 1);
  if (busy) console.warn("[privacy] after an erasure the WAL could not be emptied (a reader held it); the next checkpoint will.");
  return busy === 0;
}
