import "server-only";
import type { InValue } from "@libsql/client";
import { executeRaw, placeholders } from "@/db/raw";
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { packFromStrings } from "@/lib/gradebook/pack";
import { validateMark } from "@/lib/gradebook/mark";
import { db, withTx, type DbOrTx } from "@/db/client";
import { assessments, attendance, attendanceSessions, candidates, enrolments, markChanges, marks, users } from "@/db/schema";
import { fromCounts } from "@/lib/results/attendance";
import { schemeFor } from "./internal/schemes";
import type { MarkStatus } from "@/lib/constants";
import { assertCan, type Actor } from "@/lib/actor";
import { ConflictError, DomainError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { assertCourseAccess, candidatesVisibleTo } from "./scope";
import { getCourse } from "./courses";
import { attendancePolicyForCourse, bandsForProgram } from "./internal/grading";
import { attendanceCountColumns } from "./internal/attendance";
import { refreshResults } from "./refresh";
import { assertTermOpen } from "./assessments";
import { assertNoTextForErased } from "./privacy";

export type MarkValue = { score: number | null; status: MarkStatus; feedback: string | null };
export type CellMark = MarkValue & { version: number };

/** The gradebook of a course, compact: a course of 1,000 × 100 is one query per part. */
export async function loadGradebook(actor: Actor, courseId: number) {
  await assertCourseAccess(actor, courseId, "read");
  const course = await getCourse(actor, courseId);
  const bands = await bandsForProgram(course.programId);
  const assessmentRows = await db
    .select({
      id: assessments.id,
      name: assessments.name,
      kind: assessments.kind,
      maxScore: assessments.maxScore,
      weight: assessments.weight,
      published: assessments.published,
      released: assessments.released,
      componentKey: assessments.componentKey,
      neverDrop: assessments.neverDrop,
      dueOn: assessments.dueOn,
      position: assessments.position,
    })
    .from(assessments)
    .where(and(eq(assessments.courseId, courseId), eq(assessments.archived, false)))
    .orderBy(asc(assessments.position), asc(assessments.id));
  const effective = await schemeFor(db, courseId);
  const roster = await db
    .select({ id: candidates.id, fullName: candidates.fullName, candidateNumber: candidates.candidateNumber })
    .from(enrolments)
    .innerJoin(candidates, eq(candidates.id, enrolments.candidateId))
    .where(and(eq(enrolments.courseId, courseId), eq(enrolments.status, "active")))
    .orderBy(asc(candidates.fullName), asc(candidates.id));
  const ids = assessmentRows.map((a) => a.id);
  // SQLite packs each candidate's cells into one string: reading 100,000 marks as rows
  // costs the driver ~0.5 s; as 1,000 strings, ~0.05 s.
  const packed = ids.length
    ? await db
        .select({
          candidateId: marks.candidateId,
          cells: sql<string>`group_concat(${marks.assessmentId} || ',' || ifnull(${marks.score}, '') || ',' || ${marks.status} || ',' || ${marks.version}, ';')`,
        })
        .from(marks)
        .where(inArray(marks.assessmentId, ids))
        .groupBy(marks.candidateId)
    : [];
  const feedback = ids.length
    ? await db
        .select({ candidateId: marks.candidateId, assessmentId: marks.assessmentId, feedback: marks.feedback })
        .from(marks)
        .where(and(inArray(marks.assessmentId, ids), isNotNull(marks.feedback)))
    : [];
  const grid = packFromStrings(
    roster.map((r) => r.id),
    ids,
    packed,
    feedback,
  );
  // Each row's attendance rate, only when the scheme gives marks for attendance.
  let attendanceRates: (number | null)[] | null = null;
  if (effective.scheme.components.some((c) => c.source === "attendance")) {
    const counts = await db
      .select({ candidateId: attendance.candidateId, ...attendanceCountColumns() })
      .from(attendance)
      .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
      .where(eq(attendanceSessions.courseId, courseId))
      .groupBy(attendance.candidateId);
    const counting = await attendancePolicyForCourse(courseId);
    const by = new Map(counts.map((c) => [c.candidateId, fromCounts(c, counting).rate]));
    attendanceRates = roster.map((r) => by.get(r.id) ?? null);
  }
  return { course, bands, assessments: assessmentRows, roster, grid, scheme: effective.scheme, schemeVersion: effective.version, attendanceRates };
}

export type SaveMarkInput = {
  assessmentId: number;
  candidateId: number;
  score: number | null;
  status: MarkStatus;
  feedback?: string | null;
  /** The version the editor saw; null when the cell was empty. */
  expectedVersion: number | null;
  reason?: string | null;
  importId?: number | null;
};

export type SaveMarkResult = {
  mark: CellMark;
  changed: boolean;
  result: { percent: number | null; shown: number | null; grade: string | null };
  alerts: { raised: number; resolved: number };
};

/**
 * Saves one mark: checks access, the term lock, enrolment and the score; refuses a stale
 * write with both values; keeps the change in the history; recomputes the candidate's
 * result and applies the at-risk rules — all in one transaction.
 */
export async function saveMark(actor: Actor, input: SaveMarkInput, outerTx?: DbOrTx): Promise<SaveMarkResult> {
  assertCan(actor, "marks.write");
  const run = async (tx: DbOrTx): Promise<SaveMarkResult> => {
    const [a] = await tx.select().from(assessments).where(eq(assessments.id, input.assessmentId));
    if (!a) throw new NotFoundError("Assessment not found.");
    await assertCourseAccess(actor, a.courseId, "write", tx);
    await assertTermOpen(tx, a.courseId);
    if (a.archived) throw new DomainError("This assessment is archived; restore it to change its marks.");
    const [enrolled] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(and(eq(enrolments.courseId, a.courseId), eq(enrolments.candidateId, input.candidateId)));
    if (!enrolled) throw new DomainError("This candidate is not enrolled in the course.");
    const feedback = input.feedback?.trim() ? input.feedback.trim() : null;
    if (feedback) await assertNoTextForErased(tx, [input.candidateId], "feedback", "feedback");
    if (input.reason?.trim()) await assertNoTextForErased(tx, [input.candidateId], "a reason for the change", "reason");
    const invalid = validateMark(input, a.maxScore);
    if (invalid) throw new DomainError(invalid, { score: [invalid] });

    const [current] = await tx
      .select()
      .from(marks)
      .where(and(eq(marks.assessmentId, input.assessmentId), eq(marks.candidateId, input.candidateId)));
    const currentVersion = current?.version ?? null;
    if (currentVersion !== input.expectedVersion) {
      throw new ConflictError("Someone else changed this mark since you loaded it.", {
        current: current ? { score: current.score, status: current.status, feedback: current.feedback, version: current.version } : null,
        yours: { score: input.score, status: input.status, feedback },
      });
    }
    const next: MarkValue = { score: input.score, status: input.status, feedback: input.feedback === undefined ? (current?.feedback ?? null) : feedback };
    const unchanged = current && current.score === next.score && current.status === next.status && current.feedback === next.feedback;
    let saved = current;
    if (!unchanged) {
      if (current) {
        [saved] = await tx
          .update(marks)
          .set({ ...next, version: current.version + 1, enteredBy: actor.id || null })
          .where(eq(marks.id, current.id))
          .returning();
      } else {
        [saved] = await tx
          .insert(marks)
          .values({ assessmentId: input.assessmentId, candidateId: input.candidateId, ...next, version: 1, enteredBy: actor.id || null })
          .returning();
      }
      await tx.insert(markChanges).values({
        markId: saved!.id,
        assessmentId: input.assessmentId,
        candidateId: input.candidateId,
        oldScore: current?.score ?? null,
        oldStatus: current?.status ?? null,
        oldFeedback: current?.feedback ?? null,
        newScore: next.score,
        newStatus: next.status,
        newFeedback: next.feedback,
        reason: input.reason?.trim() || null,
        importId: input.importId ?? null,
        changedBy: actor.id || null,
      });
      await recordAudit(tx, actor, current ? "update" : "create", "mark", saved!.id, current ?? null, saved);
    }
    const computed = (await refreshResults(tx, [{ candidateId: input.candidateId, courseId: a.courseId }])).get(`${input.candidateId}:${a.courseId}`)!;
    return {
      mark: { score: saved!.score, status: saved!.status, feedback: saved!.feedback, version: saved!.version },
      changed: !unchanged,
      result: { percent: computed.result.percent, shown: computed.result.shown, grade: computed.grade },
      alerts: { raised: computed.raised, resolved: computed.resolved },
    };
  };
  return withTx(outerTx, run);
}

/** Every change of one mark, newest first. */
export async function markHistory(actor: Actor, assessmentId: number, candidateId: number) {
  const [a] = await db.select({ courseId: assessments.courseId }).from(assessments).where(eq(assessments.id, assessmentId));
  if (!a) throw new NotFoundError("Assessment not found.");
  await assertCourseAccess(actor, a.courseId, "read");
  return db
    .select({
      id: markChanges.id,
      oldScore: markChanges.oldScore,
      oldStatus: markChanges.oldStatus,
      oldFeedback: markChanges.oldFeedback,
      newScore: markChanges.newScore,
      newStatus: markChanges.newStatus,
      newFeedback: markChanges.newFeedback,
      reason: markChanges.reason,
      importId: markChanges.importId,
      changedAt: markChanges.changedAt,
      changedBy: users.fullName,
    })
    .from(markChanges)
    .leftJoin(users, eq(users.id, markChanges.changedBy))
    .where(and(eq(markChanges.assessmentId, assessmentId), eq(markChanges.candidateId, candidateId)))
    .orderBy(desc(markChanges.changedAt), desc(markChanges.id));
}

/** A candidate's mark history across the courses the actor may read. */
export async function candidateMarkHistory(actor: Actor, candidateId: number, limit = 100) {
  assertCan(actor, "marks.read");
  const rows = await db
    .select({
      id: markChanges.id,
      assessmentName: assessments.name,
      courseId: assessments.courseId,
      oldScore: markChanges.oldScore,
      oldStatus: markChanges.oldStatus,
      newScore: markChanges.newScore,
      newStatus: markChanges.newStatus,
      reason: markChanges.reason,
      changedAt: markChanges.changedAt,
      changedBy: users.fullName,
    })
    .from(markChanges)
    .innerJoin(assessments, eq(assessments.id, markChanges.assessmentId))
    .innerJoin(candidates, eq(candidates.id, markChanges.candidateId))
    .leftJoin(users, eq(users.id, markChanges.changedBy))
    .where(and(eq(markChanges.candidateId, candidateId), candidatesVisibleTo(actor)))
    .orderBy(desc(markChanges.changedAt), desc(markChanges.id))
    .limit(limit);
  if (actor.role === "admin") return rows;
  const visible = new Set<number>();
  for (const courseId of new Set(rows.map((r) => r.courseId))) {
    try {
      await assertCourseAccess(actor, courseId, "read");
      visible.add(courseId);
    } catch {
      // another teacher's course: not shown
    }
  }
  return rows.filter((r) => visible.has(r.courseId));
}

export type BulkMark = { assessmentId: number; candidateId: number; score: number | null; status: MarkStatus; feedback?: string | null };
export type BulkOutcome = {
  created: number;
  updated: number;
  unchanged: number;
  /** What changed, so an import can be undone. */
  changes: { markId: number; before: MarkValue | null; after: MarkValue }[];
};

/**
 * Many marks in the caller's transaction (imports, seeding): every rule of saveMark —
 * access, term lock, enrolment, range — then multi-row writes, the history, and one
 * recompute and alert check per candidate × course touched.
 */
export async function applyMarksBulk(
  tx: DbOrTx,
  actor: Actor,
  rows: BulkMark[],
  opts: { importId?: number | null; reason?: string | null; deferRefresh?: Set<string>; onProgress?: (done: number, total: number) => void } = {},
): Promise<BulkOutcome> {
  assertCan(actor, "marks.write");
  const out: BulkOutcome = { created: 0, updated: 0, unchanged: 0, changes: [] };
  if (!rows.length) return out;
  const assessmentIds = [...new Set(rows.map((r) => r.assessmentId))];
  const info = new Map<number, { courseId: number; maxScore: number; archived: boolean }>();
  for (let i = 0; i < assessmentIds.length; i += 500) {
    const part = await tx
      .select({ id: assessments.id, courseId: assessments.courseId, maxScore: assessments.maxScore, archived: assessments.archived })
      .from(assessments)
      .where(inArray(assessments.id, assessmentIds.slice(i, i + 500)));
    for (const a of part) info.set(a.id, a);
  }
  const courseIds = [...new Set([...info.values()].map((a) => a.courseId))];
  for (const courseId of courseIds) {
    await assertCourseAccess(actor, courseId, "write", tx);
    await assertTermOpen(tx, courseId);
  }
  const enrolled = new Set<string>();
  for (let i = 0; i < courseIds.length; i += 500) {
    const part = await tx
      .select({ courseId: enrolments.courseId, candidateId: enrolments.candidateId })
      .from(enrolments)
      .where(inArray(enrolments.courseId, courseIds.slice(i, i + 500)));
    for (const e of part) enrolled.add(`${e.courseId}:${e.candidateId}`);
  }
  const existing = await existingMarks(tx, assessmentIds);

  // New and changed marks go in as multi-row upserts; the history is built from what was read.
  const writes: (typeof marks.$inferInsert)[] = [];
  const before = new Map<string, MarkValue | null>();
  const touched = new Set<string>();
  const history: (typeof markChanges.$inferInsert)[] = [];
  const withText: number[] = [];
  for (const r of rows) {
    const a = info.get(r.assessmentId);
    if (!a) throw new NotFoundError(`Assessment ${r.assessmentId} not found.`);
    if (a.archived) throw new DomainError("An archived assessment cannot take new marks.");
    if (!enrolled.has(`${a.courseId}:${r.candidateId}`)) throw new DomainError("A candidate in the file is not enrolled in the course.");
    const invalid = validateMark(r, a.maxScore);
    if (invalid) throw new DomainError(invalid);
    const key = `${r.assessmentId}:${r.candidateId}`;
    if (before.has(key)) throw new DomainError("The same mark appears twice.");
    const cur = existing.get(key);
    const next: MarkValue = { score: r.score, status: r.status, feedback: r.feedback === undefined ? (cur?.feedback ?? null) : r.feedback?.trim() || null };
    if (cur && cur.score === next.score && cur.status === next.status && cur.feedback === next.feedback) {
      out.unchanged += 1;
      continue;
    }
    touched.add(`${r.candidateId}:${a.courseId}`);
    before.set(key, cur ? { score: cur.score, status: cur.status, feedback: cur.feedback } : null);
    writes.push({ assessmentId: r.assessmentId, candidateId: r.candidateId, ...next, version: 1, enteredBy: actor.id || null, updatedAt: new Date() });
    if (next.feedback && next.feedback !== cur?.feedback) withText.push(r.candidateId);
  }
  // The same rule as a single save, whatever the caller checked before.
  await assertNoTextForErased(tx, withText, "feedback");
  // Raw multi-row statements (db/raw.ts): at 100,000 rows Drizzle's builder is the bottleneck.
  const now = Date.now();
  const enteredBy = actor.id || null;
  const CHUNK = 500;
  for (let i = 0; i < writes.length; i += CHUNK) {
    const part = writes.slice(i, i + CHUNK);
    const args: InValue[] = [];
    for (const w of part) args.push(w.assessmentId, w.candidateId, w.score ?? null, w.status ?? "graded", w.feedback ?? null, 1, enteredBy, now, now);
    const saved = await executeRaw(
      tx,
      `insert into marks (assessment_id, candidate_id, score, status, feedback, version, entered_by, created_at, updated_at) values ${placeholders(part.length, 9)}
       on conflict (assessment_id, candidate_id) do update set score = excluded.score, status = excluded.status, feedback = excluded.feedback,
         version = marks.version + 1, entered_by = excluded.entered_by, updated_at = excluded.updated_at
       returning id, assessment_id, candidate_id, score, status, feedback`,
      args,
    );
    for (const row of saved.rows) {
      const m = {
        id: Number(row.id),
        assessmentId: Number(row.assessment_id),
        candidateId: Number(row.candidate_id),
        score: row.score === null ? null : Number(row.score),
        status: row.status as MarkStatus,
        feedback: (row.feedback as string | null) ?? null,
      };
      const prev = before.get(`${m.assessmentId}:${m.candidateId}`) ?? null;
      const next: MarkValue = { score: m.score, status: m.status, feedback: m.feedback };
      history.push(changeRow(m.id, m, prev, next, actor, opts));
      out.changes.push({ markId: m.id, before: prev, after: next });
      if (prev) out.updated += 1;
      else out.created += 1;
    }
    if (opts.onProgress) {
      opts.onProgress(Math.min(i + CHUNK, writes.length), writes.length);
      // The driver is synchronous: give the event loop a turn so progress reaches the screen.
      await new Promise((r) => setImmediate(r));
    }
  }
  for (let i = 0; i < history.length; i += CHUNK) {
    const part = history.slice(i, i + CHUNK);
    const args: InValue[] = [];
    for (const h of part) {
      args.push(
        h.markId,
        h.assessmentId,
        h.candidateId,
        h.oldScore ?? null,
        h.oldStatus ?? null,
        h.oldFeedback ?? null,
        h.newScore ?? null,
        h.newStatus ?? null,
        h.newFeedback ?? null,
        h.reason ?? null,
        h.importId ?? null,
        h.changedBy ?? null,
        now,
      );
    }
    await executeRaw(
      tx,
      `insert into mark_changes (mark_id, assessment_id, candidate_id, old_score, old_status, old_feedback, new_score, new_status, new_feedback, reason, import_id, changed_by, changed_at) values ${placeholders(part.length, 13)}`,
      args,
    );
  }
  if (out.created + out.updated > 0) {
    await recordAudit(tx, actor, opts.importId ? "import" : "bulk-update", "marks", opts.importId ?? "bulk", null, {
      created: out.created,
      updated: out.updated,
      unchanged: out.unchanged,
    });
  }
  // A caller writing many batches (the large seed) refreshes once at the end instead.
  if (opts.deferRefresh) for (const p of touched) opts.deferRefresh.add(p);
  else await refreshResults(tx, pairsOf(touched));
  return out;
}

function changeRow(
  markId: number,
  r: { assessmentId: number; candidateId: number },
  before: MarkValue | null,
  after: MarkValue,
  actor: Actor,
  opts: { importId?: number | null; reason?: string | null },
): typeof markChanges.$inferInsert {
  return {
    markId,
    assessmentId: r.assessmentId,
    candidateId: r.candidateId,
    oldScore: before?.score ?? null,
    oldStatus: before?.status ?? null,
    oldFeedback: before?.feedback ?? null,
    newScore: after.score,
    newStatus: after.status,
    newFeedback: after.feedback,
    reason: opts.reason ?? null,
    importId: opts.importId ?? null,
    changedBy: actor.id || null,
  };
}

/** "candidateId:courseId" keys back to pairs. */
export function pairsOf(keys: Iterable<string>) {
  return [...keys].map((k) => {
    const [candidateId, courseId] = k.split(":").map(Number);
    return { candidateId, courseId };
  });
}

/**
 * The current marks of some assessments, keyed "assessmentId:candidateId". Read as one JSON
 * array per assessment: for 100,000 marks, ~10× cheaper for the driver than a row each.
 */
export async function existingMarks(tx: DbOrTx, assessmentIds: number[]): Promise<Map<string, MarkValue>> {
  const out = new Map<string, MarkValue>();
  for (let i = 0; i < assessmentIds.length; i += 200) {
    const rows = await tx
      .select({
        assessmentId: marks.assessmentId,
        cells: sql<string>`json_group_array(json_array(${marks.candidateId}, ${marks.score}, ${marks.status}, ${marks.feedback}))`,
      })
      .from(marks)
      .where(inArray(marks.assessmentId, assessmentIds.slice(i, i + 200)))
      .groupBy(marks.assessmentId);
    for (const r of rows) {
      for (const [candidateId, score, status, feedback] of JSON.parse(r.cells) as [number, number | null, MarkStatus, string | null][]) {
        out.set(`${r.assessmentId}:${candidateId}`, { score, status, feedback });
      }
    }
  }
  return out;
}
