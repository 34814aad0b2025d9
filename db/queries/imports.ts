import "server-only";
import { and, count, desc, eq, gt, inArray, is, isNull, ne, or, sql } from "drizzle-orm";
import { getTableConfig, SQLiteTable, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import { db, type DbOrTx } from "@/db/client";
import * as schema from "@/db/schema";
import {
  assessments,
  attendance,
  attendanceSessions,
  candidates,
  courseTeachers,
  courses,
  enrolments,
  guardians,
  importChanges,
  importMappings,
  imports,
  markChanges,
  programs,
  terms,
  users,
} from "@/db/schema";
import type { AttendanceStatus, ImportKind, MarkStatus } from "@/lib/constants";
import { parseCell } from "@/lib/gradebook/cell";
import { parseCsvAsync, fileHash } from "@/lib/import/csv";
import { IMPORT_FIELDS, parseDate, type Mapping } from "@/lib/import/fields";
import { can } from "@/lib/auth/permissions";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { applyMarksBulk, existingMarks, type BulkMark } from "./marks";
import { applyAttendanceBulk, type BulkAttendance } from "./attendance";
import { createCandidate } from "./candidates";
import { assertCourseAccess } from "./scope";
import { assertTermOpen } from "./assessments";
import { assertNotErased } from "./privacy";
import { refreshResults } from "./refresh";
import { revokeGuardianLinks } from "./access-links";

export type ImportableKind = Exclude<ImportKind, "leads">;
export type RowOutcome = { line: number; action: "create" | "update" | "unchanged" | "error"; errors: string[]; summary: string };
export type Plan = {
  kind: ImportableKind;
  rows: RowOutcome[];
  counts: { rows: number; create: number; update: number; unchanged: number; error: number };
  fileErrors: string[];
};

type Ctx = { courseId?: number | null };

function chunks<T>(list: T[], n = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

const get = (row: Record<string, string>, mapping: Mapping, key: string) => {
  const v = mapping[key] ? row[mapping[key]] : undefined;
  return typeof v === "string" ? v.trim() : "";
};

function requireAccess(actor: Actor, kind: ImportableKind) {
  assertCan(actor, "imports.run");
  // Candidates are an admin's to import; faculty import marks and attendance for their courses.
  if (kind === "candidates") assertCan(actor, "candidates.update");
  if (kind === "marks") assertCan(actor, "marks.write");
  if (kind === "attendance") assertCan(actor, "attendance.write");
}

function checkMapping(kind: ImportableKind, headers: string[], mapping: Mapping): string[] {
  const errors: string[] = [];
  for (const f of IMPORT_FIELDS[kind]) {
    const h = mapping[f.key];
    if (f.required && !h) errors.push(`Choose the column for “${f.label}”.`);
    if (h && !headers.includes(h)) errors.push(`The file has no column “${h}”.`);
  }
  return errors;
}

async function candidateIdsByNumber(tx: DbOrTx, numbers: string[]) {
  const map = new Map<string, number>();
  const erased = new Set<number>();
  for (const part of chunks([...new Set(numbers)])) {
    for (const r of await tx
      .select({ id: candidates.id, n: candidates.candidateNumber, erasedAt: candidates.erasedAt })
      .from(candidates)
      .where(inArray(candidates.candidateNumber, part))) {
      map.set(r.n, r.id);
      if (r.erasedAt) erased.add(r.id);
    }
  }
  return { ids: map, erased };
}

// An erased candidate keeps their figures, but no words about them come back in (privacy.ts).
const ERASED_FEEDBACK = "This candidate's personal data was erased: a mark can be imported, but not feedback. Leave the feedback empty.";
const ERASED_NOTE = "This candidate's personal data was erased: attendance can be imported, but not a note. Leave the note empty.";

// Planning a big file gives the event loop a turn this often, so the server keeps answering.
const ROWS_PER_TURN = 2000;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Courses by code the actor may write to (latest term first when a code repeats). */
async function coursesByCode(tx: DbOrTx, actor: Actor, codes: string[], ctx: Ctx) {
  const rows = await tx
    .select({ id: courses.id, code: courses.code, termName: terms.name, locked: terms.locked, startsOn: terms.startsOn })
    .from(courses)
    .innerJoin(terms, eq(terms.id, courses.termId))
    .where(
      and(
        inArray(courses.code, [...new Set(codes)].slice(0, 5000)),
        ctx.courseId ? eq(courses.id, ctx.courseId) : undefined,
        actor.role === "admin"
          ? undefined
          : sql`exists (select 1 from ${courseTeachers} where ${courseTeachers.courseId} = ${courses.id} and ${courseTeachers.userId} = ${actor.id})`,
      ),
    )
    .orderBy(desc(terms.startsOn));
  const byCode = new Map<string, typeof rows>();
  for (const r of rows) byCode.set(r.code.toLowerCase(), [...(byCode.get(r.code.toLowerCase()) ?? []), r]);
  return (code: string, term: string) => {
    const list = byCode.get(code.toLowerCase()) ?? [];
    return term ? list.find((c) => c.termName.toLowerCase() === term.toLowerCase()) : list[0];
  };
}

async function enrolledSet(tx: DbOrTx, courseIds: number[]) {
  const set = new Set<string>();
  for (const part of chunks(courseIds))
    for (const e of await tx.select({ c: enrolments.courseId, p: enrolments.candidateId }).from(enrolments).where(inArray(enrolments.courseId, part)))
      set.add(`${e.c}:${e.p}`);
  return set;
}

// ——— marks ———

type MarksPlan = Plan & { ops: BulkMark[] };

async function planMarks(tx: DbOrTx, actor: Actor, rows: Record<string, string>[], lines: number[], mapping: Mapping, ctx: Ctx): Promise<MarksPlan> {
  const { ids: numbers, erased } = await candidateIdsByNumber(
    tx,
    rows.map((r) => get(r, mapping, "candidateNumber")),
  );
  const findCourse = await coursesByCode(
    tx,
    actor,
    rows.map((r) => get(r, mapping, "courseCode")),
    ctx,
  );
  const courseIds = new Set<number>();
  for (const r of rows) {
    const c = findCourse(get(r, mapping, "courseCode"), get(r, mapping, "term"));
    if (c) courseIds.add(c.id);
  }
  const assessmentRows = courseIds.size
    ? (
        await Promise.all(
          chunks([...courseIds]).map((part) =>
            tx
              .select()
              .from(assessments)
              .where(and(inArray(assessments.courseId, part), eq(assessments.archived, false))),
          ),
        )
      ).flat()
    : [];
  const assessmentByKey = new Map(assessmentRows.map((a) => [`${a.courseId}:${a.name.toLowerCase()}`, a]));
  const enrolled = await enrolledSet(tx, [...courseIds]);
  const existing = await existingMarks(
    tx,
    assessmentRows.map((a) => a.id),
  );
  const seen = new Map<string, number>();
  const plan: MarksPlan = { kind: "marks", rows: [], counts: { rows: rows.length, create: 0, update: 0, unchanged: 0, error: 0 }, fileErrors: [], ops: [] };
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await turn();
    const row = rows[i];
    const line = lines[i];
    const errors: string[] = [];
    const number = get(row, mapping, "candidateNumber");
    const code = get(row, mapping, "courseCode");
    const name = get(row, mapping, "assessment");
    const candidateId = numbers.get(number);
    if (!number) errors.push("No candidate number");
    else if (!candidateId) errors.push(`Unknown candidate ${number}`);
    const course = code ? findCourse(code, get(row, mapping, "term")) : undefined;
    if (!code) errors.push("No course code");
    else if (!course)
      errors.push(ctx.courseId ? `Course ${code} is not this course` : `Unknown course ${code}${actor.role === "faculty" ? " (or not one you teach)" : ""}`);
    else if (course.locked) errors.push(`${course.termName} is locked`);
    const a = course ? assessmentByKey.get(`${course.id}:${name.toLowerCase()}`) : undefined;
    if (!name) errors.push("No assessment name");
    else if (course && !a) errors.push(`No assessment “${name}” in ${code}`);
    if (course && candidateId && !enrolled.has(`${course.id}:${candidateId}`)) errors.push(`${number} is not enrolled in ${code}`);
    let value: { score: number | null; status: MarkStatus } | null = null;
    if (a) {
      const parsed = parseCell(get(row, mapping, "score"), a.maxScore);
      if (!parsed.ok) errors.push(`Score “${get(row, mapping, "score")}”: ${parsed.error}`);
      else value = parsed.value;
    }
    const key = a && candidateId ? `${a.id}:${candidateId}` : null;
    if (key && seen.has(key)) errors.push(`Duplicate of line ${seen.get(key)}`);
    if (key && !seen.has(key)) seen.set(key, line);
    const feedbackText = mapping.feedback ? get(row, mapping, "feedback") || null : undefined;
    if (feedbackText && feedbackText.length > 2000) errors.push("Feedback is longer than 2,000 characters");
    if (feedbackText && candidateId && erased.has(candidateId)) errors.push(ERASED_FEEDBACK);
    const summary = `${number || "?"} · ${code || "?"} · ${name || "?"}`;
    if (errors.length || !a || !candidateId || !value || !key) {
      plan.rows.push({ line, action: "error", errors, summary });
      plan.counts.error += 1;
      continue;
    }
    const cur = existing.get(key);
    const feedback = feedbackText === undefined ? (cur?.feedback ?? null) : feedbackText;
    const action = !cur ? "create" : cur.score === value.score && cur.status === value.status && cur.feedback === feedback ? "unchanged" : "update";
    plan.rows.push({ line, action, errors: [], summary: `${summary}: ${get(row, mapping, "score")}` });
    plan.counts[action] += 1;
    if (action !== "unchanged") plan.ops.push({ assessmentId: a.id, candidateId, ...value, feedback });
  }
  return plan;
}

// ——— attendance ———

type AttendancePlan = Plan & { ops: { courseId: number; heldOn: string; candidateId: number; status: AttendanceStatus; note: string | null }[] };

const ATTENDANCE_WORDS: Record<string, AttendanceStatus> = {
  present: "present",
  p: "present",
  "1": "present",
  yes: "present",
  y: "present",
  absent: "absent",
  a: "absent",
  "0": "absent",
  no: "absent",
  n: "absent",
  late: "late",
  l: "late",
  excused: "excused",
  e: "excused",
  ex: "excused",
  on_duty: "on_duty",
  "on duty": "on_duty",
  "on-duty": "on_duty",
  od: "on_duty",
  duty: "on_duty",
  medical: "medical",
  "medical leave": "medical",
  ml: "medical",
  m: "medical",
};

async function planAttendance(tx: DbOrTx, actor: Actor, rows: Record<string, string>[], lines: number[], mapping: Mapping, ctx: Ctx): Promise<AttendancePlan> {
  const { ids: numbers, erased } = await candidateIdsByNumber(
    tx,
    rows.map((r) => get(r, mapping, "candidateNumber")),
  );
  const findCourse = await coursesByCode(
    tx,
    actor,
    rows.map((r) => get(r, mapping, "courseCode")),
    ctx,
  );
  const courseIds = new Set<number>();
  for (const r of rows) {
    const c = findCourse(get(r, mapping, "courseCode"), get(r, mapping, "term"));
    if (c) courseIds.add(c.id);
  }
  const enrolled = await enrolledSet(tx, [...courseIds]);
  const existing = new Map<string, { status: AttendanceStatus; note: string | null }>();
  for (const part of chunks([...courseIds], 200)) {
    for (const a of await tx
      .select({
        courseId: attendanceSessions.courseId,
        heldOn: attendanceSessions.heldOn,
        candidateId: attendance.candidateId,
        status: attendance.status,
        note: attendance.note,
      })
      .from(attendance)
      .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
      .where(inArray(attendanceSessions.courseId, part))) {
      existing.set(`${a.courseId}:${a.heldOn}:${a.candidateId}`, a);
    }
  }
  const seen = new Map<string, number>();
  const plan: AttendancePlan = {
    kind: "attendance",
    rows: [],
    counts: { rows: rows.length, create: 0, update: 0, unchanged: 0, error: 0 },
    fileErrors: [],
    ops: [],
  };
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await turn();
    const row = rows[i];
    const line = lines[i];
    const errors: string[] = [];
    const number = get(row, mapping, "candidateNumber");
    const code = get(row, mapping, "courseCode");
    const candidateId = numbers.get(number);
    if (!candidateId) errors.push(number ? `Unknown candidate ${number}` : "No candidate number");
    const course = code ? findCourse(code, get(row, mapping, "term")) : undefined;
    if (!course) errors.push(code ? `Unknown course ${code}${actor.role === "faculty" ? " (or not one you teach)" : ""}` : "No course code");
    else if (course.locked) errors.push(`${course.termName} is locked`);
    const rawDate = get(row, mapping, "date");
    const heldOn = parseDate(rawDate);
    if (!heldOn) errors.push(rawDate ? `Bad date “${rawDate}” (use 19-09-2026 or 2026-09-19)` : "No date");
    const rawStatus = get(row, mapping, "status").toLowerCase();
    const status = Object.hasOwn(ATTENDANCE_WORDS, rawStatus) ? ATTENDANCE_WORDS[rawStatus] : undefined;
    if (!status) errors.push(`Unknown status “${rawStatus}” (present, absent, late, excused, on duty or medical)`);
    if (course && candidateId && !enrolled.has(`${course.id}:${candidateId}`)) errors.push(`${number} is not enrolled in ${code}`);
    const key = course && heldOn && candidateId ? `${course.id}:${heldOn}:${candidateId}` : null;
    if (key && seen.has(key)) errors.push(`Duplicate of line ${seen.get(key)}`);
    if (key && !seen.has(key)) seen.set(key, line);
    const note = get(row, mapping, "note") || null;
    if (note && candidateId && erased.has(candidateId)) errors.push(ERASED_NOTE);
    const summary = `${number || "?"} · ${code || "?"} · ${rawDate || "?"}: ${rawStatus || "?"}`;
    if (errors.length || !key || !course || !heldOn || !candidateId || !status) {
      plan.rows.push({ line, action: "error", errors, summary });
      plan.counts.error += 1;
      continue;
    }
    const cur = existing.get(key);
    const action = !cur ? "create" : cur.status === status && cur.note === note ? "unchanged" : "update";
    plan.rows.push({ line, action, errors: [], summary });
    plan.counts[action] += 1;
    if (action !== "unchanged") plan.ops.push({ courseId: course.id, heldOn, candidateId, status, note });
  }
  return plan;
}

// ——— candidates ———

type CandidateOp = {
  number: string;
  existingId?: number;
  fields: {
    fullName: string;
    email: string | null;
    phone: string | null;
    dateOfBirth: string | null;
    programId: number | null;
    advisorId: number | null;
    status: "active" | "withdrawn" | "graduated";
  };
  guardians: { fullName: string; relationship: string | null; email: string | null; phone: string | null }[];
  changes: boolean;
};
type CandidatesPlan = Plan & { ops: CandidateOp[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// What erasure renames a candidate to (privacy.ts): ERASED-<id>.
const ERASED_NUMBER = /^erased-/i;

async function planCandidates(tx: DbOrTx, actor: Actor, rows: Record<string, string>[], lines: number[], mapping: Mapping): Promise<CandidatesPlan> {
  const numbers = [...new Set(rows.map((r) => get(r, mapping, "candidateNumber")).filter(Boolean))];
  const existing = new Map<string, typeof candidates.$inferSelect>();
  for (const part of chunks(numbers))
    for (const c of await tx.select().from(candidates).where(inArray(candidates.candidateNumber, part))) existing.set(c.candidateNumber, c);
  const existingGuardians = new Map<number, string[]>();
  const ids = [...existing.values()].map((c) => c.id);
  for (const part of chunks(ids))
    for (const g of await tx.select({ c: guardians.candidateId, n: guardians.fullName }).from(guardians).where(inArray(guardians.candidateId, part)))
      existingGuardians.set(g.c, [...(existingGuardians.get(g.c) ?? []), g.n.toLowerCase()]);
  const programByCode = new Map((await tx.select({ id: programs.id, code: programs.code }).from(programs)).map((p) => [p.code.toLowerCase(), p.id]));
  const advisorByEmail = new Map(
    (
      await tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.role, "faculty"), eq(users.active, true)))
    ).map((u) => [u.email.toLowerCase(), u.id]),
  );

  const plan: CandidatesPlan = {
    kind: "candidates",
    rows: [],
    counts: { rows: rows.length, create: 0, update: 0, unchanged: 0, error: 0 },
    fileErrors: [],
    ops: [],
  };
  const ops = new Map<string, CandidateOp>();
  const guardianSeen = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await turn();
    const row = rows[i];
    const line = lines[i];
    const errors: string[] = [];
    const number = get(row, mapping, "candidateNumber");
    const fullName = get(row, mapping, "fullName");
    const prev = existing.get(number);
    if (!number) errors.push("No candidate number");
    // Erasure is final: a file can neither bring the person back nor attach guardians to them.
    else if (prev?.erasedAt) errors.push(`${number} is an erased record: its personal data was erased, so an import cannot change it or add guardians to it`);
    else if (!prev && ERASED_NUMBER.test(number)) errors.push(`Candidate numbers starting with “ERASED-” are kept for erased records; choose another number`);
    if (number.length > 50) errors.push("Candidate number is longer than 50 characters");
    if (!fullName) errors.push("No full name");
    const email = get(row, mapping, "email") || null;
    if (email && !EMAIL.test(email)) errors.push(`Bad email “${email}”`);
    const rawDob = get(row, mapping, "dateOfBirth");
    const dateOfBirth = rawDob ? parseDate(rawDob) : null;
    if (rawDob && !dateOfBirth) errors.push(`Bad date of birth “${rawDob}”`);
    const programCode = get(row, mapping, "programCode");
    const programId = programCode ? (programByCode.get(programCode.toLowerCase()) ?? null) : null;
    if (programCode && !programId) errors.push(`Unknown program ${programCode}`);
    const advisorEmail = get(row, mapping, "advisorEmail");
    const advisorId = advisorEmail ? (advisorByEmail.get(advisorEmail.toLowerCase()) ?? null) : null;
    if (advisorEmail && !advisorId) errors.push(`No active faculty member with email ${advisorEmail}`);
    const rawStatus = (get(row, mapping, "status") || "active").toLowerCase();
    if (!["active", "withdrawn", "graduated"].includes(rawStatus)) errors.push(`Unknown status “${rawStatus}”`);
    const gName = get(row, mapping, "guardianName");
    const gEmail = get(row, mapping, "guardianEmail") || null;
    if (gEmail && !EMAIL.test(gEmail)) errors.push(`Bad guardian email “${gEmail}”`);
    if (gName && number) {
      const gk = `${number}:${gName.toLowerCase()}`;
      if (guardianSeen.has(gk)) errors.push(`Duplicate of line ${guardianSeen.get(gk)}`);
      else guardianSeen.set(gk, line);
    }
    const summary = `${number || "?"} · ${fullName || "?"}${gName ? ` · guardian ${gName}` : ""}`;
    if (errors.length) {
      plan.rows.push({ line, action: "error", errors, summary });
      plan.counts.error += 1;
      continue;
    }
    let op = ops.get(number);
    if (!op) {
      const fields = {
        fullName,
        email,
        phone: get(row, mapping, "phone") || null,
        dateOfBirth,
        programId,
        advisorId,
        status: rawStatus as CandidateOp["fields"]["status"],
      };
      const same =
        prev &&
        prev.fullName === fields.fullName &&
        (mapping.email ? prev.email === fields.email : true) &&
        (mapping.phone ? prev.phone === fields.phone : true) &&
        (mapping.dateOfBirth ? prev.dateOfBirth === fields.dateOfBirth : true) &&
        (mapping.programCode ? prev.programId === fields.programId : true) &&
        (mapping.advisorEmail ? prev.advisorId === fields.advisorId : true) &&
        (mapping.status ? prev.status === fields.status : true);
      op = { number, existingId: prev?.id, fields, guardians: [], changes: !prev || !same };
      ops.set(number, op);
    }
    let addsGuardian = false;
    if (gName && !(prev && existingGuardians.get(prev.id)?.includes(gName.toLowerCase()))) {
      op.guardians.push({
        fullName: gName,
        relationship: get(row, mapping, "guardianRelationship") || null,
        email: gEmail,
        phone: get(row, mapping, "guardianPhone") || null,
      });
      addsGuardian = true;
    }
    const action = !prev ? "create" : op.changes || addsGuardian ? "update" : "unchanged";
    plan.rows.push({ line, action, errors: [], summary });
    plan.counts[action] += 1;
  }
  plan.ops = [...ops.values()].filter((o) => o.changes || o.guardians.length);
  void actor;
  return plan;
}

// ——— preview, commit, undo ———

async function plan(tx: DbOrTx, actor: Actor, kind: ImportableKind, text: string, mapping: Mapping, ctx: Ctx) {
  // Into a named course: refused outright unless the actor may write there (rows are scoped again below).
  if (ctx.courseId && kind !== "candidates") await assertCourseAccess(actor, ctx.courseId, "write", tx);
  // Only the mapped columns are kept, and reading stops one row past the limit.
  const parsed = await parseCsvAsync(text, { keep: Object.values(mapping) });
  const mappingErrors = checkMapping(kind, parsed.headers, mapping);
  if (parsed.errors.length || mappingErrors.length || parsed.rows.length === 0) {
    return {
      kind,
      rows: [],
      counts: { rows: parsed.rows.length, create: 0, update: 0, unchanged: 0, error: 0 },
      fileErrors: [...parsed.errors, ...mappingErrors, ...(parsed.rows.length === 0 ? ["The file has no rows under its header."] : [])],
      ops: [],
    } as Plan & { ops: [] };
  }
  if (kind === "marks") return planMarks(tx, actor, parsed.rows, parsed.lines, mapping, ctx);
  if (kind === "attendance") return planAttendance(tx, actor, parsed.rows, parsed.lines, mapping, ctx);
  return planCandidates(tx, actor, parsed.rows, parsed.lines, mapping);
}

/** Reads and checks every row; writes nothing. */
export async function previewImport(actor: Actor, kind: ImportableKind, text: string, mapping: Mapping, ctx: Ctx = {}): Promise<Plan> {
  requireAccess(actor, kind);
  const p = await plan(db, actor, kind, text, mapping, ctx);
  return { kind: p.kind, rows: p.rows, counts: p.counts, fileErrors: p.fileErrors };
}

export type ImportResult = { importId: number; counts: Plan["counts"] };

/**
 * All or nothing, in one transaction: any error row refuses the whole file. Importing the
 * same file again finds every row unchanged and changes nothing.
 */
export async function commitImport(
  actor: Actor,
  input: { kind: ImportableKind; fileName: string; text: string; mapping: Mapping; courseId?: number | null },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportResult> {
  requireAccess(actor, input.kind);
  return db.transaction(async (tx) => {
    const p = await plan(tx, actor, input.kind, input.text, input.mapping, { courseId: input.courseId });
    if (p.fileErrors.length) throw new DomainError(p.fileErrors[0]);
    if (p.counts.error) throw new DomainError(`${p.counts.error} row(s) have errors; nothing was imported. Fix them and try again.`);
    const [imp] = await tx
      .insert(imports)
      .values({
        kind: input.kind,
        fileName: input.fileName.slice(0, 200),
        fileHash: fileHash(input.text),
        courseId: input.courseId ?? null,
        counts: { rows: p.counts.rows, created: p.counts.create, updated: p.counts.update, unchanged: p.counts.unchanged },
        createdBy: actor.id || null,
      })
      .returning();
    const changes: (typeof importChanges.$inferInsert)[] = [];
    const total = p.ops.length;
    onProgress(0, total);
    if (input.kind === "marks") {
      const ops = p.ops as BulkMark[];
      // One call: the existing marks are read once, and progress is reported as it writes.
      // The mark history (mark_changes, tagged with this import) is what undo reads back.
      await applyMarksBulk(tx, actor, ops, { importId: imp.id, reason: `Import #${imp.id}: ${input.fileName}`, onProgress });
      onProgress(total, total);
    } else if (input.kind === "attendance") {
      const ops = (p as AttendancePlan).ops;
      const sessionIds = new Map<string, number>();
      const keys = [...new Set(ops.map((o) => `${o.courseId}:${o.heldOn}`))];
      for (const k of keys) {
        const [courseId, heldOn] = [Number(k.split(":")[0]), k.split(":")[1]];
        const [found] = await tx
          .select({ id: attendanceSessions.id })
          .from(attendanceSessions)
          .where(and(eq(attendanceSessions.courseId, courseId), eq(attendanceSessions.heldOn, heldOn)));
        if (found) sessionIds.set(k, found.id);
        else {
          const [s] = await tx
            .insert(attendanceSessions)
            .values({ courseId, heldOn, topic: null, createdBy: actor.id || null })
            .returning();
          sessionIds.set(k, s.id);
          changes.push({ importId: imp.id, entity: "attendance_session", entityId: s.id, before: null, after: { courseId, heldOn } });
        }
      }
      const rows: BulkAttendance[] = ops.map((o) => ({
        sessionId: sessionIds.get(`${o.courseId}:${o.heldOn}`)!,
        candidateId: o.candidateId,
        status: o.status,
        note: o.note,
      }));
      const step = 5000;
      for (let i = 0; i < rows.length; i += step) {
        const r = await applyAttendanceBulk(tx, actor, rows.slice(i, i + step), { importId: imp.id });
        for (const c of r.changes) changes.push({ importId: imp.id, entity: "attendance", entityId: c.id, before: c.before, after: null });
        onProgress(Math.min(i + step, rows.length), total);
      }
    } else {
      const ops = (p as CandidatesPlan).ops;
      let done = 0;
      for (const op of ops) {
        if (!op.existingId) {
          const c = await createCandidate(
            actor,
            {
              candidateNumber: op.number,
              ...op.fields,
              consentToEmail: false,
              guardians: op.guardians.map((g) => ({ ...g, preferredContact: "email" as const, receivesReports: true })),
            },
            tx,
          );
          // Its guardians by id: undo removes exactly these, and any added later stop it.
          const own = op.guardians.length ? await tx.select({ id: guardians.id }).from(guardians).where(eq(guardians.candidateId, c.id)) : [];
          changes.push({
            importId: imp.id,
            entity: "candidate",
            entityId: c.id,
            before: null,
            after: { candidateNumber: op.number, guardianIds: own.map((g) => g.id) },
          });
        } else {
          const [before] = await tx.select().from(candidates).where(eq(candidates.id, op.existingId));
          if (op.changes) {
            const patch = Object.fromEntries(
              Object.entries(op.fields).filter(
                ([k]) =>
                  ({
                    fullName: true,
                    email: !!input.mapping.email,
                    phone: !!input.mapping.phone,
                    dateOfBirth: !!input.mapping.dateOfBirth,
                    programId: !!input.mapping.programCode,
                    advisorId: !!input.mapping.advisorEmail,
                    status: !!input.mapping.status,
                  })[k],
              ),
            );
            await tx.update(candidates).set(patch).where(eq(candidates.id, op.existingId));
            await recordAudit(tx, actor, "import-update", "candidate", op.existingId, before, { ...before, ...patch });
            changes.push({
              importId: imp.id,
              entity: "candidate",
              entityId: op.existingId,
              before: {
                fullName: before.fullName,
                email: before.email,
                phone: before.phone,
                dateOfBirth: before.dateOfBirth,
                programId: before.programId,
                advisorId: before.advisorId,
                status: before.status,
              },
              after: patch,
            });
          }
          for (const g of op.guardians) {
            const [row] = await tx
              .insert(guardians)
              .values({ candidateId: op.existingId, ...g, preferredContact: "email", receivesReports: true })
              .returning();
            changes.push({ importId: imp.id, entity: "guardian", entityId: row.id, before: null, after: { fullName: g.fullName } });
          }
        }
        done += 1;
        if (done % 200 === 0) onProgress(done, total);
      }
      onProgress(total, total);
    }
    for (const part of chunks(changes, 1000)) await tx.insert(importChanges).values(part);
    if (actor.id) {
      await tx
        .insert(importMappings)
        .values({ userId: actor.id, kind: input.kind, mapping: input.mapping })
        .onConflictDoUpdate({ target: [importMappings.userId, importMappings.kind], set: { mapping: input.mapping, updatedAt: new Date() } });
    }
    await recordAudit(tx, actor, "import", "import", imp.id, null, { kind: input.kind, fileName: input.fileName, ...imp.counts });
    // The commit time bounds "touched since": undo refuses if anything changed after it.
    await tx.update(imports).set({ updatedAt: new Date() }).where(eq(imports.id, imp.id));
    return { importId: imp.id, counts: p.counts };
  });
}

export async function lastMapping(actor: Actor, kind: ImportableKind): Promise<Mapping | null> {
  const [row] = await db
    .select({ mapping: importMappings.mapping })
    .from(importMappings)
    .where(and(eq(importMappings.userId, actor.id), eq(importMappings.kind, kind)));
  return row?.mapping ?? null;
}

export async function listImports(actor: Actor, limit = 50) {
  assertCan(actor, "imports.run");
  return db
    .select({
      id: imports.id,
      kind: imports.kind,
      fileName: imports.fileName,
      status: imports.status,
      counts: imports.counts,
      createdAt: imports.createdAt,
      undoneAt: imports.undoneAt,
      by: users.fullName,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.createdBy))
    .where(actor.role === "admin" ? undefined : eq(imports.createdBy, actor.id))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/**
 * The checks a direct edit of these courses' marks or attendance meets today, for the person
 * undoing: they may write to the course (a teacher who stopped teaching it may not), and its
 * term is open. An undo is an edit like any other.
 */
async function assertUndoWritable(tx: DbOrTx, actor: Actor, courseIds: Iterable<number>) {
  for (const courseId of new Set(courseIds)) {
    const [c] = await tx
      .select({ code: courses.code, term: terms.name })
      .from(courses)
      .innerJoin(terms, eq(terms.id, courses.termId))
      .where(eq(courses.id, courseId));
    try {
      await assertCourseAccess(actor, courseId, "write", tx);
    } catch (e) {
      if (e instanceof ForbiddenError)
        throw new ForbiddenError(
          `You may no longer change the marks or attendance of ${c?.code ?? "this course"}, so you cannot undo this import. Nothing was changed; an admin can undo it.`,
        );
      throw e;
    }
    try {
      await assertTermOpen(tx, courseId);
    } catch (e) {
      if (e instanceof DomainError) {
        throw new DomainError(
          `${c?.term ?? "The term"} is locked, so this import into ${c?.code ?? "its course"} cannot be undone: its marks and attendance are final. Nothing was changed. An admin can unlock the term (giving a reason, which is recorded), undo the import, then lock the term again.`,
        );
      }
      throw e;
    }
  }
}

async function courseIdsOfAssessments(tx: DbOrTx, assessmentIds: number[]): Promise<number[]> {
  const out = new Set<number>();
  for (const part of chunks([...new Set(assessmentIds)]))
    for (const a of await tx.select({ courseId: assessments.courseId }).from(assessments).where(inArray(assessments.id, part))) out.add(a.courseId);
  return [...out];
}

/** Undoes an import while nothing newer has touched its rows; refused whole, changing nothing, otherwise. */
export async function undoImport(actor: Actor, importId: number): Promise<{ reverted: number }> {
  assertCan(actor, "imports.run");
  return db.transaction(async (tx) => {
    const [imp] = await tx.select().from(imports).where(eq(imports.id, importId));
    if (!imp || (actor.role !== "admin" && imp.createdBy !== actor.id)) throw new NotFoundError("Import not found.");
    if (imp.status === "undone") throw new DomainError("This import has already been undone.");
    if (imp.kind === "leads") throw new DomainError("A leads import cannot be undone here.");
    // The permission a direct edit of this kind needs, held by the actor today.
    requireAccess(actor, imp.kind);
    const changes = await tx.select().from(importChanges).where(eq(importChanges.importId, importId));
    const committedAt = imp.updatedAt;
    let reverted = changes.length;
    const of = (entity: string) => changes.filter((c) => c.entity === entity);
    if (imp.kind === "marks") {
      // What the import changed is in the marks' history, tagged with its id.
      const made = await tx
        .select({
          markId: markChanges.markId,
          assessmentId: markChanges.assessmentId,
          candidateId: markChanges.candidateId,
          oldScore: markChanges.oldScore,
          oldStatus: markChanges.oldStatus,
          oldFeedback: markChanges.oldFeedback,
        })
        .from(markChanges)
        .where(eq(markChanges.importId, importId));
      await assertUndoWritable(
        tx,
        actor,
        await courseIdsOfAssessments(
          tx,
          made.map((m) => m.assessmentId),
        ),
      );
      for (const part of chunks(made.map((m) => m.markId))) {
        const [newer] = await tx
          .select({ id: markChanges.id })
          .from(markChanges)
          .where(
            and(
              inArray(markChanges.markId, part),
              gt(markChanges.changedAt, committedAt),
              or(isNull(markChanges.importId), ne(markChanges.importId, importId)),
            ),
          )
          .limit(1);
        if (newer) throw new DomainError("Some of these marks were changed after the import; undo would lose that work. Change them back by hand instead.");
      }
      const revert: BulkMark[] = made.map((m) => ({
        assessmentId: m.assessmentId,
        candidateId: m.candidateId,
        score: m.oldScore,
        status: m.oldStatus ?? "graded",
        feedback: m.oldFeedback,
      }));
      await applyMarksBulk(tx, actor, revert, { reason: `Undo of import #${importId}` });
      reverted += made.length;
    } else if (imp.kind === "attendance") {
      const rows = new Map<number, { id: number; sessionId: number; candidateId: number; updatedAt: Date; courseId: number }>();
      for (const part of chunks(of("attendance").map((c) => c.entityId))) {
        for (const r of await tx
          .select({
            id: attendance.id,
            sessionId: attendance.sessionId,
            candidateId: attendance.candidateId,
            updatedAt: attendance.updatedAt,
            courseId: attendanceSessions.courseId,
          })
          .from(attendance)
          .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
          .where(inArray(attendance.id, part))) {
          rows.set(r.id, r);
        }
      }
      const sessionCourses: number[] = [];
      for (const part of chunks(of("attendance_session").map((c) => c.entityId))) {
        for (const r of await tx.select({ courseId: attendanceSessions.courseId }).from(attendanceSessions).where(inArray(attendanceSessions.id, part)))
          sessionCourses.push(r.courseId);
      }
      await assertUndoWritable(tx, actor, [...[...rows.values()].map((r) => r.courseId), ...sessionCourses]);
      if ([...rows.values()].some((r) => r.updatedAt > committedAt))
        throw new DomainError("Some of these attendance records were changed after the import; undo would lose that work.");
      const affected = new Map<number, Set<number>>();
      for (const c of of("attendance")) {
        const row = rows.get(c.entityId);
        if (!row) continue;
        const b = c.before as { status: AttendanceStatus; note: string | null } | null;
        // A new version, as any edit makes: a register loaded before the undo cannot save over it unseen.
        if (b)
          await tx
            .update(attendance)
            .set({ status: b.status, note: b.note, version: sql`${attendance.version} + 1` })
            .where(eq(attendance.id, row.id));
        else await tx.delete(attendance).where(eq(attendance.id, row.id));
        affected.set(row.courseId, (affected.get(row.courseId) ?? new Set()).add(row.candidateId));
      }
      for (const c of of("attendance_session")) {
        const [{ n }] = await tx
          .select({ n: sql<number>`count(*)` })
          .from(attendance)
          .where(eq(attendance.sessionId, c.entityId));
        if (n === 0) await tx.delete(attendanceSessions).where(eq(attendanceSessions.id, c.entityId));
      }
      await refreshResults(
        tx,
        [...affected].flatMap(([courseId, set]) => [...set].map((candidateId) => ({ candidateId, courseId }))),
      );
    } else {
      await undoCandidates(tx, actor, committedAt, changes);
    }
    await tx
      .update(imports)
      .set({ status: "undone", undoneAt: new Date(), undoneBy: actor.id || null })
      .where(eq(imports.id, importId));
    await recordAudit(tx, actor, "undo", "import", importId, { status: "committed" }, { status: "undone" });
    return { reverted };
  });
}

// ——— undoing a candidates import ———

/** What a later piece of work is called, one and many, by the table that holds it. */
const WORK_NAMES: Record<string, [string, string]> = {
  interactions: ["interaction", "interactions"],
  tasks: ["task", "tasks"],
  enrolments: ["enrolment", "enrolments"],
  marks: ["mark", "marks"],
  mark_changes: ["mark change", "mark changes"],
  attendance: ["attendance record", "attendance records"],
  course_results: ["course result", "course results"],
  alerts: ["alert", "alerts"],
  email_messages: ["email", "emails"],
  access_links: ["result link", "result links"],
  report_runs: ["report run", "report runs"],
  guardians: ["guardian added later", "guardians added later"],
  leads: ["linked enquiry", "linked enquiries"],
};

const workName = (table: string, n: number) => {
  const name = WORK_NAMES[table] ?? [`${table.replace(/_/g, " ")} record`, `${table.replace(/_/g, " ")} records`];
  return `${n} ${n === 1 ? name[0] : name[1]}`;
};

const listed = (parts: string[]) => (parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`);

/**
 * Every column that points at a row of `target`: its foreign keys, and the columns named for
 * it without one (mark_changes.candidate_id). Read from the schema, so a table added later is
 * covered without anyone remembering to list it here.
 */
function referencesTo(target: SQLiteTable, columnName: string): { table: SQLiteTable; name: string; column: SQLiteColumn }[] {
  const out: { table: SQLiteTable; name: string; column: SQLiteColumn }[] = [];
  for (const t of Object.values(schema)) {
    if (!is(t, SQLiteTable) || t === target) continue;
    const cfg = getTableConfig(t);
    const cols = new Set<SQLiteColumn>(cfg.columns.filter((c) => c.name === columnName));
    for (const fk of cfg.foreignKeys) {
      const ref = fk.reference();
      if (ref.foreignTable === target) for (const c of ref.columns) cols.add(c);
    }
    for (const column of cols) out.push({ table: t, name: cfg.name, column });
  }
  return out;
}

/** How many rows of each referring table point at each of `ids`: id → table → count. */
async function referringCounts(tx: DbOrTx, refs: ReturnType<typeof referencesTo>, ids: number[]) {
  const out = new Map<number, Map<string, number>>();
  for (const ref of refs) {
    for (const part of chunks(ids)) {
      const found = await tx.select({ target: ref.column, n: count() }).from(ref.table).where(inArray(ref.column, part)).groupBy(ref.column);
      for (const f of found) {
        const target = Number(f.target);
        const per = out.get(target) ?? new Map<string, number>();
        per.set(ref.name, (per.get(ref.name) ?? 0) + f.n);
        out.set(target, per);
      }
    }
  }
  return out;
}

function refusal(blocked: { who: string; work: Map<string, number> }[], noun: string): DomainError {
  const shown = blocked.slice(0, 3).map((b) => `${b.who} has ${listed([...b.work].map(([t, n]) => workName(t, n)))}`);
  const more = blocked.length > 3 ? `, and ${blocked.length - 3} more ${noun} have later work too` : "";
  const total = blocked.reduce((sum, b) => sum + [...b.work.values()].reduce((a, n) => a + n, 0), 0);
  return new DomainError(`${shown.join("; ")}${more} since the import; undo would lose ${total === 1 ? "it" : "them"}. Nothing was undone.`);
}

/**
 * Puts back the candidates an import changed and removes the ones (and guardians) it added,
 * unless anything was done with them since: an interaction, a task, an enrolment, a mark, an
 * email, a result link, a guardian added by hand… Then the undo is refused, naming it, and
 * nothing is deleted: a cascade must never take later work with it.
 */
async function undoCandidates(tx: DbOrTx, actor: Actor, committedAt: Date, changes: (typeof importChanges.$inferSelect)[]) {
  const candidateChanges = changes.filter((c) => c.entity === "candidate");
  const created = candidateChanges.filter((c) => !c.before);
  const added = changes.filter((c) => c.entity === "guardian").map((c) => c.entityId);
  if (created.length) assertCan(actor, "candidates.delete");

  const people = new Map<number, typeof candidates.$inferSelect>();
  for (const part of chunks(candidateChanges.map((c) => c.entityId)))
    for (const r of await tx.select().from(candidates).where(inArray(candidates.id, part))) people.set(r.id, r);
  for (const c of candidateChanges) {
    const row = people.get(c.entityId);
    if (row?.erasedAt) await assertNotErased(tx, row.id);
    if (row && row.updatedAt > committedAt) throw new DomainError(`${row.fullName} was changed after the import; undo would lose that work.`);
  }

  // The guardians this import added to candidates who were already there.
  const addedRows = new Map<number, typeof guardians.$inferSelect>();
  for (const part of chunks(added)) for (const g of await tx.select().from(guardians).where(inArray(guardians.id, part))) addedRows.set(g.id, g);
  // And those of the candidates it created: recorded with them, or (imports from before that
  // was recorded) the ones that were there when it was committed.
  const createdIds = created.map((c) => c.entityId).filter((id) => people.has(id));
  const own = new Set<number>();
  for (const c of created) for (const id of (c.after as { guardianIds?: number[] } | null)?.guardianIds ?? []) own.add(id);
  const legacy = created.filter((c) => !Array.isArray((c.after as { guardianIds?: unknown } | null)?.guardianIds)).map((c) => c.entityId);
  for (const part of chunks(legacy)) {
    for (const g of await tx.select({ id: guardians.id, createdAt: guardians.createdAt }).from(guardians).where(inArray(guardians.candidateId, part)))
      if (g.createdAt <= committedAt) own.add(g.id);
  }
  const ownRows = new Map<number, typeof guardians.$inferSelect>();
  for (const part of chunks([...own])) for (const g of await tx.select().from(guardians).where(inArray(guardians.id, part))) ownRows.set(g.id, g);
  const names = new Map([...people.values()].map((p) => [p.id, p.fullName]));
  const unnamed = [...new Set([...addedRows.values()].map((g) => g.candidateId))].filter((id) => !names.has(id));
  for (const part of chunks(unnamed))
    for (const c of await tx.select({ id: candidates.id, fullName: candidates.fullName }).from(candidates).where(inArray(candidates.id, part)))
      names.set(c.id, c.fullName);
  const nameOf = (candidateId: number) => names.get(candidateId) ?? `candidate #${candidateId}`;
  for (const g of [...addedRows.values(), ...ownRows.values()]) {
    if (g.updatedAt > committedAt)
      throw new DomainError(
        `Guardian ${g.fullName} (of ${nameOf(g.candidateId)}) was changed after the import; undo would lose that work. Nothing was undone.`,
      );
  }
  const toCandidates = await referringCounts(tx, referencesTo(candidates, "candidate_id"), createdIds);
  // A created candidate's own guardians go with it; only those added later count.
  for (const g of ownRows.values()) {
    const per = toCandidates.get(g.candidateId);
    const left = (per?.get("guardians") ?? 0) - 1;
    if (!per) continue;
    if (left > 0) per.set("guardians", left);
    else per.delete("guardians");
    if (!per.size) toCandidates.delete(g.candidateId);
  }
  for (const id of createdIds) {
    if (!people.get(id)?.leadId) continue;
    const per = toCandidates.get(id) ?? new Map<string, number>();
    per.set("leads", 1);
    toCandidates.set(id, per);
  }
  if (toCandidates.size)
    throw refusal(
      [...toCandidates].map(([id, work]) => ({ who: nameOf(id), work })),
      "candidates",
    );

  const guardianIds = [...addedRows.keys(), ...ownRows.keys()];
  const toGuardians = await referringCounts(tx, referencesTo(guardians, "guardian_id"), guardianIds);
  if (toGuardians.size) {
    const all = new Map([...addedRows, ...ownRows]);
    throw refusal(
      [...toGuardians].map(([id, work]) => ({ who: `Guardian ${all.get(id)?.fullName ?? `#${id}`} (of ${nameOf(all.get(id)?.candidateId ?? 0)})`, work })),
      "guardians",
    );
  }

  // Nothing refers to them but this import's own rows: safe to put back and remove.
  // Result links sent since to the guardians this import added close with them (before the
  // delete sets the links' guardian to null and they could no longer be found). A link
  // refuses the undo above; this stays so that no removed guardian ever keeps one.
  await revokeGuardianLinks(tx, actor, added, "guardian removed");
  for (const part of chunks(added)) await tx.delete(guardians).where(inArray(guardians.id, part));
  for (const c of candidateChanges) {
    if (c.before)
      await tx
        .update(candidates)
        .set(c.before as Partial<typeof candidates.$inferInsert>)
        .where(eq(candidates.id, c.entityId));
  }
  for (const part of chunks([...own])) await tx.delete(guardians).where(inArray(guardians.id, part));
  for (const part of chunks(createdIds)) await tx.delete(candidates).where(inArray(candidates.id, part));
}

export function canImport(actor: Actor, kind: ImportableKind): boolean {
  if (!can(actor.role, "imports.run")) return false;
  if (kind === "candidates") return can(actor.role, "candidates.update");
  return can(actor.role, kind === "marks" ? "marks.write" : "attendance.write");
}
