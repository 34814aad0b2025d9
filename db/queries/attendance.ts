import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { db, withTx, type DbOrTx } from "@/db/client";
import { attendance, attendanceSessions, candidates, enrolments, users } from "@/db/schema";
import type { AttendanceStatus } from "@/lib/constants";
import { fromCounts } from "@/lib/results";
import { assertCan, type Actor } from "@/lib/actor";
import { DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit, recordCreatedMany } from "./audit";
import { assertCourseAccess } from "./scope";
import { assertTermOpen } from "./assessments";
import { refreshResults } from "./refresh";
import { pairsOf } from "./marks";
import { assertNoTextForErased } from "./privacy";
import { attendanceCountColumns } from "./internal/attendance";
import { attendancePolicyForCourse } from "./internal/grading";

export async function listSessions(actor: Actor, courseId: number) {
  await assertCourseAccess(actor, courseId, "read");
  const rows = await db
    .select({
      id: attendanceSessions.id,
      heldOn: attendanceSessions.heldOn,
      topic: attendanceSessions.topic,
      recorded: sql<number>`count(${attendance.id})`,
      ...attendanceCountColumns(),
    })
    .from(attendanceSessions)
    .leftJoin(attendance, eq(attendance.sessionId, attendanceSessions.id))
    .where(eq(attendanceSessions.courseId, courseId))
    .groupBy(attendanceSessions.id)
    .orderBy(desc(attendanceSessions.heldOn), desc(attendanceSessions.id));
  const counting = await attendancePolicyForCourse(courseId);
  return rows.map((r) => ({ ...r, rate: fromCounts(r, counting) }));
}

/** How the course's program counts on-duty and medical days, for the attendance screens. */
export async function courseAttendancePolicy(actor: Actor, courseId: number) {
  await assertCourseAccess(actor, courseId, "read");
  return attendancePolicyForCourse(courseId);
}

export async function createSession(actor: Actor, courseId: number, input: { heldOn: string; topic?: string | null }, tx?: DbOrTx) {
  assertCan(actor, "attendance.write");
  const run = async (t: DbOrTx) => {
    await assertCourseAccess(actor, courseId, "write", t);
    await assertTermOpen(t, courseId);
    const [row] = await t
      .insert(attendanceSessions)
      .values({ courseId, heldOn: input.heldOn, topic: input.topic ?? null, createdBy: actor.id || null })
      .returning();
    await recordAudit(t, actor, "create", "attendance_session", row.id, null, row);
    return row;
  };
  return withTx(tx, run);
}

async function sessionOf(tx: DbOrTx, id: number) {
  const [s] = await tx.select().from(attendanceSessions).where(eq(attendanceSessions.id, id));
  if (!s) throw new NotFoundError("Session not found.");
  return s;
}

/** The register: everyone enrolled, present unless recorded otherwise, with each record's version (none when not recorded). */
export async function getRegister(actor: Actor, sessionId: number) {
  const session = await sessionOf(db, sessionId);
  await assertCourseAccess(actor, session.courseId, "read");
  const rows = await db
    .select({
      candidateId: candidates.id,
      fullName: candidates.fullName,
      candidateNumber: candidates.candidateNumber,
      status: attendance.status,
      note: attendance.note,
      version: attendance.version,
    })
    .from(enrolments)
    .innerJoin(candidates, eq(candidates.id, enrolments.candidateId))
    .leftJoin(attendance, and(eq(attendance.sessionId, sessionId), eq(attendance.candidateId, candidates.id)))
    .where(and(eq(enrolments.courseId, session.courseId), eq(enrolments.status, "active")))
    .orderBy(asc(candidates.fullName));
  const taken = rows.some((r) => r.status !== null);
  const counting = await attendancePolicyForCourse(session.courseId);
  return { session, taken, counting, rows: rows.map((r) => ({ ...r, status: (r.status ?? "present") as AttendanceStatus })) };
}

export type RegisterEntry = {
  candidateId: number;
  status: AttendanceStatus;
  note?: string | null;
  /** The version the form was loaded with; null when the row was not recorded yet. */
  expectedVersion: number | null;
  /** Whether the person changed this row on the form. Unknown counts as changed. */
  edited?: boolean;
};
export type RegisterValue = { status: AttendanceStatus; note: string | null };
export type RegisterConflict = {
  candidateId: number;
  /** What is recorded now (null: the record was removed since), and by whom. */
  theirs: (RegisterValue & { version: number; recordedBy: string | null }) | null;
  yours: RegisterValue;
};
export type RegisterSaved = {
  changed: number;
  /** Rows someone else changed since the form loaded that this save left as they are. */
  keptTheirs: number;
  conflicts: RegisterConflict[];
  /** Every row the save was about, as now recorded (version null: not recorded). */
  rows: ({ candidateId: number; version: number | null } & RegisterValue)[];
};

/**
 * Saves the register against the versions the form was loaded with; only changed rows are
 * written and audited. A row someone else changed since is never overwritten: if this form
 * left it alone, theirs stays (and is sent back); if both changed it differently, it is a
 * conflict with both values, for the person to settle row by row. The other rows still save:
 * each row is one candidate's own record, like a gradebook cell, and a teacher who took the
 * rest of the register expects it kept rather than held back by one disputed row.
 */
export async function saveRegister(actor: Actor, sessionId: number, entries: RegisterEntry[]): Promise<RegisterSaved> {
  assertCan(actor, "attendance.write");
  return db.transaction(async (tx) => {
    const session = await sessionOf(tx, sessionId);
    await assertCourseAccess(actor, session.courseId, "write", tx);
    await assertTermOpen(tx, session.courseId);
    const enrolled = new Set(
      (await tx.select({ id: enrolments.candidateId }).from(enrolments).where(eq(enrolments.courseId, session.courseId))).map((r) => r.id),
    );
    const stray = entries.find((e) => !enrolled.has(e.candidateId));
    if (stray) throw new DomainError("The register lists someone who is not enrolled in this course.");
    if (new Set(entries.map((e) => e.candidateId)).size !== entries.length) throw new DomainError("The register lists the same candidate twice.");
    const existing = new Map(
      (
        await tx
          .select({ record: attendance, recordedBy: users.fullName })
          .from(attendance)
          .leftJoin(users, eq(users.id, attendance.recordedBy))
          .where(eq(attendance.sessionId, sessionId))
      ).map((r) => [r.record.candidateId, r]),
    );
    await assertNoTextForErased(
      tx,
      entries.filter((e) => e.note?.trim() && e.note.trim() !== existing.get(e.candidateId)?.record.note).map((e) => e.candidateId),
      "attendance notes",
    );
    const out: RegisterSaved = { changed: 0, keptTheirs: 0, conflicts: [], rows: [] };
    const changed: RegisterEntry[] = [];
    for (const e of entries) {
      const found = existing.get(e.candidateId);
      const before = found?.record;
      const note = e.note?.trim() || null;
      const same = !!before && before.status === e.status && before.note === note;
      if ((before?.version ?? null) !== e.expectedVersion && !same) {
        if (e.edited === false) {
          out.keptTheirs += 1;
        } else {
          out.conflicts.push({
            candidateId: e.candidateId,
            theirs: before ? { status: before.status, note: before.note, version: before.version, recordedBy: found?.recordedBy ?? null } : null,
            yours: { status: e.status, note },
          });
        }
        out.rows.push({ candidateId: e.candidateId, status: before?.status ?? "present", note: before?.note ?? null, version: before?.version ?? null });
        continue;
      }
      if (same && before) {
        out.rows.push({ candidateId: e.candidateId, status: before.status, note: before.note, version: before.version });
        continue;
      }
      let version = 1;
      if (before) {
        version = before.version + 1;
        await tx
          .update(attendance)
          .set({ status: e.status, note, version, recordedBy: actor.id || null })
          .where(eq(attendance.id, before.id));
      } else {
        await tx.insert(attendance).values({ sessionId, candidateId: e.candidateId, status: e.status, note, version, recordedBy: actor.id || null });
      }
      changed.push({ ...e, note });
      out.rows.push({ candidateId: e.candidateId, status: e.status, note, version });
    }
    out.changed = changed.length;
    if (changed.length) {
      await recordAudit(tx, actor, "record-attendance", "attendance_session", sessionId, null, {
        changed: changed.length,
        entries: changed.map(({ candidateId, status, note }) => ({ candidateId, status, note })),
        ...(out.conflicts.length ? { conflicts: out.conflicts.map((c) => c.candidateId) } : {}),
      });
    }
    await refreshResults(
      tx,
      changed.map(({ candidateId }) => ({ candidateId, courseId: session.courseId })),
    );
    return out;
  });
}

export async function deleteSession(actor: Actor, sessionId: number) {
  assertCan(actor, "attendance.write");
  return db.transaction(async (tx) => {
    const session = await sessionOf(tx, sessionId);
    await assertCourseAccess(actor, session.courseId, "write", tx);
    await assertTermOpen(tx, session.courseId);
    const rows = await tx.select().from(attendance).where(eq(attendance.sessionId, sessionId));
    await tx.delete(attendanceSessions).where(eq(attendanceSessions.id, sessionId));
    await recordAudit(tx, actor, "delete", "attendance_session", sessionId, { ...session, attendance: rows }, null);
    await refreshResults(
      tx,
      rows.map((r) => ({ candidateId: r.candidateId, courseId: session.courseId })),
    );
  });
}

export type BulkAttendance = { sessionId: number; candidateId: number; status: AttendanceStatus; note?: string | null };

/**
 * Many attendance records in the caller's transaction (imports, seeding), with the same
 * rules as the register and one recompute and alert check per candidate × course.
 */
export async function applyAttendanceBulk(
  tx: DbOrTx,
  actor: Actor,
  rows: BulkAttendance[],
  opts: { importId?: number | null; deferRefresh?: Set<string> } = {},
) {
  assertCan(actor, "attendance.write");
  const out = { created: 0, updated: 0, unchanged: 0, changes: [] as { id: number; before: { status: AttendanceStatus; note: string | null } | null }[] };
  if (!rows.length) return out;
  const sessionIds = [...new Set(rows.map((r) => r.sessionId))];
  const sessions = new Map<number, number>();
  for (let i = 0; i < sessionIds.length; i += 500) {
    const part = await tx
      .select({ id: attendanceSessions.id, courseId: attendanceSessions.courseId })
      .from(attendanceSessions)
      .where(inArray(attendanceSessions.id, sessionIds.slice(i, i + 500)));
    for (const s of part) sessions.set(s.id, s.courseId);
  }
  const courseIds = [...new Set(sessions.values())];
  for (const courseId of courseIds) {
    await assertCourseAccess(actor, courseId, "write", tx);
    await assertTermOpen(tx, courseId);
  }
  const enrolled = new Set<string>();
  for (const courseId of courseIds) {
    for (const e of await tx.select({ candidateId: enrolments.candidateId }).from(enrolments).where(eq(enrolments.courseId, courseId)))
      enrolled.add(`${courseId}:${e.candidateId}`);
  }
  const existing = new Map<string, typeof attendance.$inferSelect>();
  for (let i = 0; i < sessionIds.length; i += 200) {
    for (const a of await tx
      .select()
      .from(attendance)
      .where(inArray(attendance.sessionId, sessionIds.slice(i, i + 200))))
      existing.set(`${a.sessionId}:${a.candidateId}`, a);
  }
  await assertNoTextForErased(
    tx,
    rows.filter((r) => r.note?.trim() && r.note.trim() !== existing.get(`${r.sessionId}:${r.candidateId}`)?.note).map((r) => r.candidateId),
    "attendance notes",
  );
  const writes: (typeof attendance.$inferInsert)[] = [];
  const before = new Map<string, { status: AttendanceStatus; note: string | null } | null>();
  const touched = new Set<string>();
  for (const r of rows) {
    const courseId = sessions.get(r.sessionId);
    if (courseId === undefined) throw new NotFoundError("Session not found.");
    if (!enrolled.has(`${courseId}:${r.candidateId}`)) throw new DomainError("A candidate in the file is not enrolled in the course.");
    const note = r.note?.trim() || null;
    const key = `${r.sessionId}:${r.candidateId}`;
    if (before.has(key)) throw new DomainError("The same attendance record appears twice.");
    const cur = existing.get(key);
    if (cur && cur.status === r.status && cur.note === note) {
      out.unchanged += 1;
      continue;
    }
    touched.add(`${r.candidateId}:${courseId}`);
    before.set(key, cur ? { status: cur.status, note: cur.note } : null);
    writes.push({ sessionId: r.sessionId, candidateId: r.candidateId, status: r.status, note, recordedBy: actor.id || null, updatedAt: new Date() });
  }
  for (let i = 0; i < writes.length; i += 500) {
    const saved = await tx
      .insert(attendance)
      .values(writes.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [attendance.sessionId, attendance.candidateId],
        // A register open elsewhere was loaded at the old version: its save must see this change.
        set: {
          status: sql`excluded.status`,
          note: sql`excluded.note`,
          version: sql`${attendance.version} + 1`,
          recordedBy: sql`excluded.recorded_by`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .returning({ id: attendance.id, sessionId: attendance.sessionId, candidateId: attendance.candidateId });
    for (const a of saved) {
      const prev = before.get(`${a.sessionId}:${a.candidateId}`) ?? null;
      out.changes.push({ id: a.id, before: prev });
      if (prev) out.updated += 1;
      else out.created += 1;
    }
  }
  if (out.created + out.updated)
    await recordAudit(tx, actor, opts.importId ? "import" : "bulk-update", "attendance", opts.importId ?? "bulk", null, {
      created: out.created,
      updated: out.updated,
    });
  if (opts.deferRefresh) for (const p of touched) opts.deferRefresh.add(p);
  else await refreshResults(tx, pairsOf(touched));
  return out;
}

/** A course's sessions in one go (seeding a term's timetable). */
export async function createSessionsBulk(tx: DbOrTx, actor: Actor, courseId: number, inputs: { heldOn: string; topic?: string | null }[]) {
  assertCan(actor, "attendance.write");
  await assertCourseAccess(actor, courseId, "write", tx);
  await assertTermOpen(tx, courseId);
  const rows = await tx
    .insert(attendanceSessions)
    .values(inputs.map((s) => ({ courseId, heldOn: s.heldOn, topic: s.topic ?? null, createdBy: actor.id || null })))
    .returning();
  await recordCreatedMany(tx, actor, "attendance_session", rows);
  return rows;
}
