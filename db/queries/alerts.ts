import "server-only";
import { and, desc, eq, isNull, sql, type SQL, count, asc } from "drizzle-orm";
import { db, type DbOrTx } from "@/db/client";
import { alerts, candidates, courses, enrollments as enrollmentsT, programs, tasks, users } from "@/db/schema";
import type { AlertRule } from "@/lib/constants";
import { diffAlerts, evaluateCourseRules } from "@/lib/alerts/rules";
import type { AttendanceRate, CourseResult, AssessmentInput, MarkInput } from "@/lib/results";
import { likePattern, type ListParams, type Page } from "@/lib/list";
import { assertCan, NotFoundError, SYSTEM, type Actor } from "./actor";
import { recordAudit } from "./audit";
import { getThresholds } from "./academics";
import { getSettings } from "./settings";
import { candidatesVisibleTo } from "./scope";

/**
 * Applies the at-risk rules to one candidate in one course, inside the transaction that
 * changed the mark or attendance: raises what became true (once), resolves what became
 * false, and opens an intervention task for each new alert.
 */
export async function applyCourseAlerts(
  tx: DbOrTx,
  input: { candidateId: number; courseId: number; result: CourseResult; attendance: AttendanceRate; assessments: AssessmentInput[]; marks: MarkInput[] },
): Promise<{ raised: number; resolved: number }> {
  const [course] = await tx.select({ name: courses.name, code: courses.code, programId: courses.programId }).from(courses).where(eq(courses.id, input.courseId));
  if (!course) return { raised: 0, resolved: 0 };
  const thresholds = await getThresholds(course.programId, tx);
  const current = evaluateCourseRules({
    courseName: `${course.code} ${course.name}`,
    course: input.result,
    attendance: input.attendance,
    thresholds,
    assessments: input.assessments,
    marks: input.marks,
  }).map((o) => ({ ...o, courseId: input.courseId }));
  const open = await tx
    .select({ id: alerts.id, rule: alerts.rule, courseId: alerts.courseId })
    .from(alerts)
    .where(and(eq(alerts.candidateId, input.candidateId), eq(alerts.courseId, input.courseId), isNull(alerts.resolvedAt)));
  const { raise, resolve } = diffAlerts(open, current);
  const now = new Date();
  for (const r of resolve) {
    await tx.update(alerts).set({ resolvedAt: now }).where(eq(alerts.id, r.id));
    await recordAudit(tx, SYSTEM, "resolve", "alert", r.id, { resolvedAt: null }, { resolvedAt: now.toISOString() });
  }
  if (raise.length) {
    const settings = await getSettings(tx);
    const [cand] = await tx.select({ fullName: candidates.fullName, advisorId: candidates.advisorId }).from(candidates).where(eq(candidates.id, input.candidateId));
    for (const r of raise) {
      const [row] = await tx
        .insert(alerts)
        .values({ candidateId: input.candidateId, courseId: input.courseId, rule: r.rule, message: r.message, figures: r.figures, raisedAt: now })
        .returning();
      await recordAudit(tx, SYSTEM, "raise", "alert", row.id, null, row);
      const owners: number[] = [];
      if (settings.alertTaskForAdvisor && cand?.advisorId) owners.push(cand.advisorId);
      if (r.rule === "low_attendance" && settings.alertTaskForCounsellorOnAttendance) {
        const counsellor = settings.alertCounsellorId ?? (await firstCounsellor(tx));
        if (counsellor && !owners.includes(counsellor)) owners.push(counsellor);
      }
      for (const ownerId of owners) {
        const [task] = await tx
          .insert(tasks)
          .values({
            title: `Follow up: ${cand?.fullName ?? "candidate"} — ${RULE_TASK[r.rule]}`,
            description: `${r.message}. Talk to the candidate (and guardians where needed) and record what was agreed.`,
            dueAt: new Date(now.getTime() + 3 * 86_400_000),
            ownerId,
            candidateId: input.candidateId,
            alertId: row.id,
            status: "open",
          })
          .returning();
        await recordAudit(tx, SYSTEM, "create", "task", task.id, null, task);
      }
    }
  }
  return { raised: raise.length, resolved: resolve.length };
}

const RULE_TASK: Record<AlertRule, string> = {
  failing: "below the pass mark",
  at_risk: "at risk",
  low_attendance: "low attendance",
  sudden_drop: "sudden drop in marks",
  missing_work: "missing work",
};

async function firstCounsellor(tx: DbOrTx): Promise<number | null> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "counsellor"), eq(users.active, true)))
    .orderBy(asc(users.id))
    .limit(1);
  return row?.id ?? null;
}

export type AlertFilters = { rule?: AlertRule; courseId?: number; programId?: number; advisorId?: number; state?: "open" | "resolved" | "all"; candidateId?: number };

export async function listAlerts(actor: Actor, params: ListParams, f: AlertFilters = {}): Promise<Page<AlertRow>> {
  assertCan(actor, "alerts.read");
  const where: (SQL | undefined)[] = [candidatesVisibleTo(actor)];
  const state = f.state ?? "open";
  if (state === "open") where.push(isNull(alerts.resolvedAt));
  if (state === "resolved") where.push(sql`${alerts.resolvedAt} is not null`);
  if (f.rule) where.push(eq(alerts.rule, f.rule));
  if (f.courseId) where.push(eq(alerts.courseId, f.courseId));
  if (f.candidateId) where.push(eq(alerts.candidateId, f.candidateId));
  if (f.programId) where.push(eq(candidates.programId, f.programId));
  if (f.advisorId) where.push(eq(candidates.advisorId, f.advisorId));
  if (params.q) where.push(sql`(${candidates.fullName} like ${likePattern(params.q)} escape '\\' or ${alerts.message} like ${likePattern(params.q)} escape '\\')`);
  const cond = and(...where.filter(Boolean));
  const sort = params.sort === "candidate" ? candidates.fullName : params.sort === "rule" ? alerts.rule : alerts.raisedAt;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: alerts.id,
        candidateId: alerts.candidateId,
        candidateName: candidates.fullName,
        courseId: alerts.courseId,
        courseCode: courses.code,
        programCode: programs.code,
        rule: alerts.rule,
        message: alerts.message,
        raisedAt: alerts.raisedAt,
        acknowledgedAt: alerts.acknowledgedAt,
        acknowledgeNote: alerts.acknowledgeNote,
        resolvedAt: alerts.resolvedAt,
      })
      .from(alerts)
      .innerJoin(candidates, eq(candidates.id, alerts.candidateId))
      .leftJoin(courses, eq(courses.id, alerts.courseId))
      .leftJoin(programs, eq(programs.id, candidates.programId))
      .where(cond)
      .orderBy(params.dir === "asc" ? asc(sort) : desc(sort), desc(alerts.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db
      .select({ n: count() })
      .from(alerts)
      .innerJoin(candidates, eq(candidates.id, alerts.candidateId))
      .where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size };
}

export type AlertRow = {
  id: number;
  candidateId: number;
  candidateName: string;
  courseId: number | null;
  courseCode: string | null;
  programCode: string | null;
  rule: AlertRule;
  message: string;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgeNote: string | null;
  resolvedAt: Date | null;
};

export async function acknowledgeAlert(actor: Actor, id: number, note: string | null) {
  assertCan(actor, "alerts.acknowledge");
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(alerts)
      .innerJoin(candidates, eq(candidates.id, alerts.candidateId))
      .where(and(eq(alerts.id, id), candidatesVisibleTo(actor)));
    if (!before) throw new NotFoundError("Alert not found.");
    const [after] = await tx
      .update(alerts)
      .set({ acknowledgedAt: new Date(), acknowledgedBy: actor.id || null, acknowledgeNote: note })
      .where(eq(alerts.id, id))
      .returning();
    await recordAudit(tx, actor, "acknowledge", "alert", id, before.alerts, after);
    return after;
  });
}

export async function openAlertsFor(candidateId: number) {
  return db
    .select({ id: alerts.id, rule: alerts.rule, message: alerts.message, raisedAt: alerts.raisedAt, acknowledgedAt: alerts.acknowledgedAt, courseCode: courses.code })
    .from(alerts)
    .leftJoin(courses, eq(courses.id, alerts.courseId))
    .where(and(eq(alerts.candidateId, candidateId), isNull(alerts.resolvedAt)))
    .orderBy(desc(alerts.raisedAt));
}

/** Re-applies the rules to every enrolment of the given programs (null = all), after thresholds change. */
export async function reevaluateAlerts(tx: DbOrTx, programId: number | null): Promise<number> {
  const { recomputeCourseResult } = await import("./results");
  const rows = await tx
    .select({ candidateId: enrollmentsT.candidateId, courseId: enrollmentsT.courseId })
    .from(enrollmentsT)
    .innerJoin(courses, eq(courses.id, enrollmentsT.courseId))
    .where(programId ? eq(courses.programId, programId) : undefined);
  for (const r of rows) {
    const computed = await recomputeCourseResult(tx, r.candidateId, r.courseId);
    await applyCourseAlerts(tx, { candidateId: r.candidateId, courseId: r.courseId, ...computed });
  }
  return rows.length;
}
