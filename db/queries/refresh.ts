import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  alerts,
  assessments,
  attendance,
  attendanceSessions,
  auditEvents,
  candidates,
  courseResults,
  courses,
  enrolments,
  marks,
  tasks,
  users,
} from "@/db/schema";
import type { AlertRule } from "@/lib/constants";
import { diffAlerts, evaluateCourseRules } from "@/lib/alerts/rules";
import {
  countMissing,
  emptyCounts,
  evaluateCourse,
  fromCounts,
  type AttendanceCounts,
  type AttendanceRate,
  type CourseResult,
  type MarkInput,
} from "@/lib/results";
import { minimumFor, policyOf } from "@/lib/results/eligibility";
import type { SchemeAssessment, SchemeResult } from "@/lib/results/scheme";
import { SYSTEM } from "@/lib/actor";
import { snapshot } from "./audit";
import { bandsForProgram, getThresholds } from "./internal/grading";
import { attendanceCountColumns } from "./internal/attendance";
import { schemeFor } from "./internal/schemes";
import { getSettings } from "./settings";

export type Pair = { candidateId: number; courseId: number };
export type Refreshed = { result: CourseResult; scheme: SchemeResult; grade: string | null; attendance: AttendanceRate; raised: number; resolved: number };

const RULE_TASK: Record<AlertRule, string> = {
  failing: "below the pass mark",
  at_risk: "at risk",
  low_attendance: "low attendance",
  sudden_drop: "sudden drop in marks",
  missing_work: "missing work",
};

function chunks<T>(list: T[], n = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += n) out.push(list.slice(i, i + n));
  return out;
}

/**
 * Recomputes the stored results of the given candidates × courses with lib/results and
 * applies the at-risk rules, inside the caller's transaction. One mark or a whole import:
 * the same path, a course at a time, with set-based reads and multi-row writes.
 * Edge-triggered: an alert is raised once, when its rule becomes true, with an intervention
 * task, and resolved when it stops being true.
 */
export async function refreshResults(tx: DbOrTx, pairs: Pair[]): Promise<Map<string, Refreshed>> {
  const out = new Map<string, Refreshed>();
  const byCourse = new Map<number, Set<number>>();
  for (const p of pairs) byCourse.set(p.courseId, (byCourse.get(p.courseId) ?? new Set()).add(p.candidateId));
  if (!byCourse.size) return out;
  const settings = await getSettings(tx);
  let counsellor: number | null | undefined;
  const now = new Date();

  for (const [courseId, set] of byCourse) {
    const [course] = await tx
      .select({ code: courses.code, name: courses.name, programId: courses.programId, minAttendance: courses.minAttendance })
      .from(courses)
      .where(eq(courses.id, courseId));
    if (!course) continue;
    const candidateIds = [...set];
    const list: SchemeAssessment[] = await tx
      .select({
        id: assessments.id,
        name: assessments.name,
        maxScore: assessments.maxScore,
        weight: assessments.weight,
        published: assessments.published,
        dueOn: assessments.dueOn,
        position: assessments.position,
        componentKey: assessments.componentKey,
        neverDrop: assessments.neverDrop,
      })
      .from(assessments)
      .where(and(eq(assessments.courseId, courseId), eq(assessments.archived, false)))
      .orderBy(asc(assessments.position), asc(assessments.id));
    const [bands, programThresholds, effective] = await Promise.all([
      bandsForProgram(course.programId, tx),
      getThresholds(course.programId, tx),
      schemeFor(tx, courseId),
    ]);
    // The course's own attendance minimum, when it has one, is the one its alerts apply.
    const thresholds = { ...programThresholds, minAttendance: minimumFor(course.minAttendance, programThresholds.minAttendance) };
    const marksBy = new Map<number, MarkInput[]>();
    const attendanceBy = new Map<number, AttendanceCounts>();
    const counting = policyOf(thresholds).attendance;
    const openBy = new Map<number, { id: number; rule: AlertRule; courseId: number | null }[]>();
    const ids = list.map((a) => a.id);
    for (const part of chunks(candidateIds)) {
      if (ids.length) {
        // One string per candidate ("assessmentId,score,status;…"): far cheaper for the
        // driver than a row per mark when a course has 100 assessments.
        for (const row of await tx
          .select({
            candidateId: marks.candidateId,
            cells: sql<string>`group_concat(${marks.assessmentId} || ',' || ifnull(${marks.score}, '') || ',' || ${marks.status}, ';')`,
          })
          .from(marks)
          .where(and(inArray(marks.assessmentId, ids), inArray(marks.candidateId, part)))
          .groupBy(marks.candidateId)) {
          const l: MarkInput[] = [];
          for (const cell of (row.cells ?? "").split(";")) {
            if (!cell) continue;
            const [a, score, status] = cell.split(",");
            l.push({ assessmentId: Number(a), score: score === "" ? null : Number(score), status: status as MarkInput["status"] });
          }
          marksBy.set(row.candidateId, l);
        }
      }
      for (const a of await tx
        .select({ candidateId: attendance.candidateId, ...attendanceCountColumns() })
        .from(attendance)
        .innerJoin(attendanceSessions, eq(attendanceSessions.id, attendance.sessionId))
        .where(and(eq(attendanceSessions.courseId, courseId), inArray(attendance.candidateId, part)))
        .groupBy(attendance.candidateId)) {
        attendanceBy.set(a.candidateId, a);
      }
      for (const o of await tx
        .select({ id: alerts.id, candidateId: alerts.candidateId, rule: alerts.rule, courseId: alerts.courseId })
        .from(alerts)
        .where(and(eq(alerts.courseId, courseId), inArray(alerts.candidateId, part), isNull(alerts.resolvedAt)))) {
        const l = openBy.get(o.candidateId) ?? [];
        l.push(o);
        openBy.set(o.candidateId, l);
      }
    }

    const rows: (typeof courseResults.$inferInsert)[] = [];
    const toResolve: number[] = [];
    const toRaise: { candidateId: number; rule: AlertRule; message: string; figures: Record<string, number | string | null> }[] = [];
    for (const candidateId of candidateIds) {
      const m = marksBy.get(candidateId) ?? [];
      const att = fromCounts(attendanceBy.get(candidateId) ?? emptyCounts(), counting);
      const { result, scheme, grade } = evaluateCourse({ scheme: effective.scheme, assessments: list, marks: m, attendanceRate: att.rate, bands });
      rows.push({
        candidateId,
        courseId,
        percent: result.percent,
        shown: result.shown,
        grade,
        countedWeight: result.countedWeight,
        attendanceRate: att.rate,
        attendanceShown: att.shown,
        missingCount: countMissing(list, m),
        total: scheme.total,
        presentMax: scheme.presentMax,
        internal: scheme.internal.value,
        external: scheme.external.value,
        outcome: scheme.outcome,
        schemeVersion: effective.version,
        updatedAt: now,
      });
      const current = evaluateCourseRules({
        courseName: `${course.code} ${course.name}`,
        course: result,
        attendance: att,
        thresholds,
        assessments: list,
        marks: m,
        scheme,
      }).map((o) => ({ ...o, courseId }));
      const { raise, resolve } = diffAlerts(openBy.get(candidateId) ?? [], current);
      toResolve.push(...resolve.map((r) => r.id));
      toRaise.push(...raise.map((r) => ({ candidateId, rule: r.rule, message: r.message, figures: r.figures })));
      out.set(`${candidateId}:${courseId}`, { result, scheme, grade, attendance: att, raised: raise.length, resolved: resolve.length });
    }

    for (const part of chunks(rows, 400)) {
      await tx
        .insert(courseResults)
        .values(part)
        .onConflictDoUpdate({
          target: [courseResults.candidateId, courseResults.courseId],
          set: {
            percent: sql`excluded.percent`,
            shown: sql`excluded.shown`,
            grade: sql`excluded.grade`,
            countedWeight: sql`excluded.counted_weight`,
            attendanceRate: sql`excluded.attendance_rate`,
            attendanceShown: sql`excluded.attendance_shown`,
            missingCount: sql`excluded.missing_count`,
            total: sql`excluded.total`,
            presentMax: sql`excluded.present_max`,
            internal: sql`excluded.internal`,
            external: sql`excluded.external`,
            outcome: sql`excluded.outcome`,
            schemeVersion: sql`excluded.scheme_version`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    }
    for (const part of chunks(toResolve)) {
      await tx.update(alerts).set({ resolvedAt: now }).where(inArray(alerts.id, part));
      await tx.insert(auditEvents).values(
        part.map((id) => ({
          actorId: null,
          actorName: SYSTEM.fullName,
          action: "resolve",
          entity: "alert",
          entityId: String(id),
          before: { resolvedAt: null },
          after: { resolvedAt: now.toISOString() },
          at: now,
        })),
      );
    }
    if (toRaise.length) {
      const people = new Map<number, { fullName: string; advisorId: number | null }>();
      for (const part of chunks([...new Set(toRaise.map((r) => r.candidateId))])) {
        for (const c of await tx
          .select({ id: candidates.id, fullName: candidates.fullName, advisorId: candidates.advisorId })
          .from(candidates)
          .where(inArray(candidates.id, part)))
          people.set(c.id, c);
      }
      for (const part of chunks(toRaise, 200)) {
        const raised = await tx
          .insert(alerts)
          .values(part.map((r) => ({ candidateId: r.candidateId, courseId, rule: r.rule, message: r.message, figures: r.figures, raisedAt: now })))
          .returning();
        const newTasks: (typeof tasks.$inferInsert)[] = [];
        for (const a of raised) {
          const who = people.get(a.candidateId);
          const owners: number[] = [];
          if (settings.alertTaskForAdvisor && who?.advisorId) owners.push(who.advisorId);
          if (a.rule === "low_attendance" && settings.alertTaskForCounsellorOnAttendance) {
            counsellor ??= settings.alertCounsellorId ?? (await firstCounsellor(tx));
            if (counsellor && !owners.includes(counsellor)) owners.push(counsellor);
          }
          for (const ownerId of owners) {
            newTasks.push({
              title: `Follow up: ${who?.fullName ?? "candidate"} — ${RULE_TASK[a.rule]}`,
              // No figures here: a task reaches people (an advisor, the attendance counsellor)
              // who may not read this course's marks. The alert, scoped per reader, has them.
              description: `${course.code} ${course.name}: ${RULE_TASK[a.rule]}. Open the candidate's page for the figures, talk to the candidate (and guardians where needed) and record what was agreed.`,
              dueAt: new Date(now.getTime() + 3 * 86_400_000),
              ownerId,
              candidateId: a.candidateId,
              alertId: a.id,
              status: "open",
            });
          }
        }
        const createdTasks = newTasks.length ? await tx.insert(tasks).values(newTasks).returning() : [];
        const events = [
          ...raised.map((a) => ({ entity: "alert", id: a.id, after: snapshot(a) })),
          ...createdTasks.map((t) => ({ entity: "task", id: t.id, after: snapshot(t) })),
        ];
        for (const ev of chunks(events, 200)) {
          await tx.insert(auditEvents).values(
            ev.map((e) => ({
              actorId: null,
              actorName: SYSTEM.fullName,
              action: e.entity === "alert" ? "raise" : "create",
              entity: e.entity,
              entityId: String(e.id),
              before: null,
              after: e.after,
              at: now,
            })),
          );
        }
      }
    }
  }
  return out;
}

/** Re-applies the rules to every enrolment of the given programs (null = all), after thresholds change. */
export async function reevaluateAlerts(tx: DbOrTx, programId: number | null): Promise<number> {
  const rows = await tx
    .select({ candidateId: enrolments.candidateId, courseId: enrolments.courseId })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(programId ? eq(courses.programId, programId) : undefined);
  await refreshResults(tx, rows);
  return rows.length;
}

async function firstCounsellor(tx: DbOrTx): Promise<number | null> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "counsellor"), eq(users.active, true)))
    .orderBy(asc(users.id))
    .limit(1);
  return row?.id ?? null;
}
