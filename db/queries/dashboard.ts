import "server-only";
import { and, count, countDistinct, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import {
  alerts,
  assessments,
  auditEvents,
  candidates,
  courseResults,
  courseTeachers,
  courses,
  enrolments,
  institutions,
  leads,
  marks,
  programs,
  tasks,
  users,
} from "@/db/schema";
import { LEAD_STATUSES, type LeadStatus } from "@/lib/constants";
import { assertCan, type Actor } from "@/lib/actor";
import { alertMessage } from "./alerts";
import { alertsVisibleTo, courseResultsReadable } from "./scope";
import { tasksVisibleTo } from "./tasks";

const DAY = 86_400_000;
const todayIso = () => new Date().toISOString().slice(0, 10);
const startOfMonth = () => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), 1);
};

async function n(q: Promise<{ n: number }[]>): Promise<number> {
  const [row] = await q;
  return row?.n ?? 0;
}

export async function pipeline(opts: { ownerId?: number; since?: Date } = {}) {
  const rows = await db
    .select({ status: leads.status, n: count() })
    .from(leads)
    .where(and(opts.ownerId ? eq(leads.ownerId, opts.ownerId) : undefined, opts.since ? gte(leads.createdAt, opts.since) : undefined))
    .groupBy(leads.status);
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<LeadStatus, number>>;
  return LEAD_STATUSES.map((s) => ({ status: s, count: by[s] ?? 0 }));
}

/** Distinct candidates with an open alert, among those the actor may see. */
export async function atRiskCount(actor: Actor) {
  return n(
    db
      .select({ n: countDistinct(alerts.candidateId) })
      .from(alerts)
      .innerJoin(candidates, eq(candidates.id, alerts.candidateId))
      .where(and(isNull(alerts.resolvedAt), alertsVisibleTo(actor))),
  );
}

export async function recentActivity(opts: { actorId?: number; limit?: number } = {}) {
  return db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: auditEvents.actorName,
      action: auditEvents.action,
      entity: auditEvents.entity,
      entityId: auditEvents.entityId,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(and(opts.actorId ? eq(auditEvents.actorId, opts.actorId) : undefined, ne(auditEvents.entity, "mark")))
    .orderBy(desc(auditEvents.id))
    .limit(opts.limit ?? 8);
}

/** Each program's average course result and pass count, over the courses whose marks the actor may read. */
export async function resultsByProgram(actor: Actor) {
  assertCan(actor, "marks.read");
  return db
    .select({
      programId: programs.id,
      code: programs.code,
      average: sql<number | null>`round(avg(${courseResults.shown}), 1)`,
      passing: sql<number>`sum(${courseResults.shown} >= 40)`,
      graded: sql<number>`count(${courseResults.shown})`,
    })
    .from(courseResults)
    .innerJoin(courses, eq(courses.id, courseResults.courseId))
    .innerJoin(programs, eq(programs.id, courses.programId))
    .where(courseResultsReadable(actor, courseResults.courseId))
    .groupBy(programs.id)
    .orderBy(programs.code);
}

export async function adminDashboard(actor: Actor) {
  const weekAgo = new Date(Date.now() - 7 * DAY);
  const [institutionsTotal, institutionsThisMonth, activeCandidates, atRisk, leadsTotal, qualifiedThisWeek, pipe, byProgram, activity, openAlerts] =
    await Promise.all([
      n(db.select({ n: count() }).from(institutions)),
      n(db.select({ n: count() }).from(institutions).where(gte(institutions.createdAt, startOfMonth()))),
      n(
        db
          .select({ n: count() })
          .from(candidates)
          .where(and(eq(candidates.status, "active"), isNull(candidates.erasedAt))),
      ),
      atRiskCount(actor),
      n(db.select({ n: count() }).from(leads)),
      n(
        db
          .select({ n: count() })
          .from(leads)
          .where(and(eq(leads.status, "Qualified"), gte(leads.statusChangedAt, weekAgo))),
      ),
      pipeline({ since: new Date(Date.now() - 30 * DAY) }),
      resultsByProgram(actor),
      recentActivity({ limit: 8 }),
      n(db.select({ n: count() }).from(alerts).where(isNull(alerts.resolvedAt))),
    ]);
  return { institutionsTotal, institutionsThisMonth, activeCandidates, atRisk, leadsTotal, qualifiedThisWeek, pipeline: pipe, byProgram, activity, openAlerts };
}

export async function facultyDashboard(actor: Actor) {
  const mine = db.select({ courseId: courseTeachers.courseId }).from(courseTeachers).where(eq(courseTeachers.userId, actor.id));
  const myCourseIds = (await mine).map((r) => r.courseId);
  const [advisees, atRisk, openTasks] = await Promise.all([
    n(
      db
        .select({ n: count() })
        .from(candidates)
        .where(and(eq(candidates.advisorId, actor.id), eq(candidates.status, "active"))),
    ),
    atRiskCount(actor),
    n(
      db
        .select({ n: count() })
        .from(tasks)
        .where(and(eq(tasks.ownerId, actor.id), ne(tasks.status, "done"))),
    ),
  ]);
  // Published assessments already due whose marks are not all in.
  const ungraded = myCourseIds.length
    ? await db
        .select({
          courseId: courses.id,
          code: courses.code,
          name: courses.name,
          assessments: sql<number>`count(distinct ${assessments.id})`,
        })
        .from(assessments)
        .innerJoin(courses, eq(courses.id, assessments.courseId))
        .where(
          and(
            inArray(assessments.courseId, myCourseIds),
            eq(assessments.published, true),
            eq(assessments.archived, false),
            lte(assessments.dueOn, todayIso()),
            sql`(select count(*) from ${marks} where ${marks.assessmentId} = ${assessments.id}) < (select count(*) from ${enrolments} where ${enrolments.courseId} = ${assessments.courseId} and ${enrolments.status} = 'active')`,
          ),
        )
        .groupBy(courses.id)
        .orderBy(courses.code)
    : [];
  const distribution = myCourseIds.length
    ? await db
        .select({ courseId: courses.id, code: courses.code, grade: courseResults.grade, n: count() })
        .from(courseResults)
        .innerJoin(courses, eq(courses.id, courseResults.courseId))
        .where(and(inArray(courseResults.courseId, myCourseIds), isNotNull(courseResults.grade)))
        .groupBy(courses.id, courseResults.grade)
    : [];
  const atRiskList = await db
    .select({ candidateId: candidates.id, fullName: candidates.fullName, message: alertMessage(actor), raisedAt: alerts.raisedAt })
    .from(alerts)
    .innerJoin(candidates, eq(candidates.id, alerts.candidateId))
    .where(and(isNull(alerts.resolvedAt), alertsVisibleTo(actor)))
    .orderBy(desc(alerts.raisedAt))
    .limit(6);
  const activity = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorName: auditEvents.actorName,
      action: auditEvents.action,
      entity: auditEvents.entity,
      entityId: auditEvents.entityId,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(
      or(
        eq(auditEvents.actorId, actor.id),
        and(
          eq(auditEvents.entity, "candidate"),
          sql`${auditEvents.entityId} in (select cast(id as text) from ${candidates} where ${candidates.advisorId} = ${actor.id})`,
        ),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(8);
  return { advisees, atRisk, openTasks, myCourses: myCourseIds.length, ungraded, distribution, atRiskList, activity };
}

export async function counsellorDashboard(actor: Actor) {
  const today = todayIso();
  const [myLeads, myLeadsThisMonth, due, overdue, openTasks, pipe] = await Promise.all([
    n(db.select({ n: count() }).from(leads).where(eq(leads.ownerId, actor.id))),
    n(
      db
        .select({ n: count() })
        .from(leads)
        .where(and(eq(leads.ownerId, actor.id), gte(leads.createdAt, startOfMonth()))),
    ),
    n(
      db
        .select({ n: count() })
        .from(leads)
        .where(and(eq(leads.ownerId, actor.id), inArray(leads.status, ["New", "Qualified"]), lte(leads.followUpOn, today))),
    ),
    n(
      db
        .select({ n: count() })
        .from(leads)
        .where(and(eq(leads.ownerId, actor.id), inArray(leads.status, ["New", "Qualified"]), lt(leads.followUpOn, today))),
    ),
    n(
      db
        .select({ n: count() })
        .from(tasks)
        .where(and(eq(tasks.ownerId, actor.id), ne(tasks.status, "done"))),
    ),
    pipeline({ ownerId: actor.id }),
  ]);
  const converted = pipe.find((p) => p.status === "Converted")?.count ?? 0;
  const closed = converted + (pipe.find((p) => p.status === "Lost")?.count ?? 0);
  const toContact = await db
    .select({ candidateId: candidates.id, fullName: candidates.fullName, message: alertMessage(actor), rule: alerts.rule })
    .from(alerts)
    .innerJoin(candidates, eq(candidates.id, alerts.candidateId))
    .where(and(isNull(alerts.resolvedAt), inArray(alerts.rule, ["low_attendance", "failing"]), isNull(alerts.acknowledgedAt), alertsVisibleTo(actor)))
    .orderBy(desc(alerts.raisedAt))
    .limit(6);
  return {
    myLeads,
    myLeadsThisMonth,
    due,
    overdue,
    openTasks,
    pipeline: pipe,
    conversionRate: closed ? (converted / closed) * 100 : null,
    toContact,
    activity: await recentActivity({ actorId: actor.id, limit: 8 }),
  };
}

export async function upcomingTasksFor(actor: Actor, limit = 5) {
  return db
    .select({ id: tasks.id, title: tasks.title, dueAt: tasks.dueAt, ownerName: users.fullName })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.ownerId))
    .where(and(ne(tasks.status, "done"), actor.role === "admin" ? undefined : eq(tasks.ownerId, actor.id), tasksVisibleTo(actor)))
    .orderBy(sql`coalesce(${tasks.dueAt}, 99999999999999)`)
    .limit(limit);
}
