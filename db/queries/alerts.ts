import "server-only";
import { and, asc, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { db } from "@/db/client";
import { alerts, candidates, courses, programs } from "@/db/schema";
import type { AlertRule } from "@/lib/constants";
import { RULE_LABELS } from "@/lib/alerts/labels";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { ALERT_SORTS, type AlertSort } from "@/lib/filters/alerts";
import { assertCan, type Actor } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { alertFiguresReadable, alertsVisibleTo } from "./scope";
import { assertNoTextForErased } from "./privacy";

// The at-risk rules themselves are applied by refreshResults (./refresh) in the transaction
// that changes marks, attendance or thresholds; this file lists and acknowledges alerts.

/**
 * An alert's message as this actor may read it: the message quotes the percentages that
 * tripped the rule, so without the course's marks it becomes "<course code>: <rule>".
 * Decided in SQL, so searching and listing see the same text.
 */
export function alertMessage(actor: Actor): SQL<string> {
  const label = sql.join(
    Object.entries(RULE_LABELS).map(([rule, text]) => sql`when ${rule} then ${text}`),
    sql` `,
  );
  return sql<string>`(case when ${alertFiguresReadable(actor)} then ${alerts.message} else ifnull((select ${courses.code} from ${courses} where ${courses.id} = ${alerts.courseId}) || ': ', '') || (case ${alerts.rule} ${label} end) end)`;
}

const SORTS = { raised: alerts.raisedAt, candidate: candidates.fullName, rule: alerts.rule } satisfies Record<AlertSort, AnySQLiteColumn>;

export type AlertFilters = {
  rule?: AlertRule;
  courseId?: number;
  programId?: number;
  advisorId?: number;
  state?: "open" | "resolved" | "all";
  candidateId?: number;
};

export async function listAlerts(actor: Actor, params: ListParams, f: AlertFilters = {}): Promise<Page<AlertRow>> {
  assertCan(actor, "alerts.read");
  const where: (SQL | undefined)[] = [alertsVisibleTo(actor)];
  const message = alertMessage(actor);
  const state = f.state ?? "open";
  if (state === "open") where.push(isNull(alerts.resolvedAt));
  if (state === "resolved") where.push(sql`${alerts.resolvedAt} is not null`);
  if (f.rule) where.push(eq(alerts.rule, f.rule));
  if (f.courseId) where.push(eq(alerts.courseId, f.courseId));
  if (f.candidateId) where.push(eq(alerts.candidateId, f.candidateId));
  if (f.programId) where.push(eq(candidates.programId, f.programId));
  if (f.advisorId) where.push(eq(candidates.advisorId, f.advisorId));
  if (params.q) where.push(sql`(${candidates.fullName} like ${likePattern(params.q)} escape '\\' or ${message} like ${likePattern(params.q)} escape '\\')`);
  const cond = and(...where.filter(Boolean));
  const sort = SORTS[sortKey(ALERT_SORTS, params.sort, "raised")];
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
        message,
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
    db.select({ n: count() }).from(alerts).innerJoin(candidates, eq(candidates.id, alerts.candidateId)).where(cond),
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
      .where(and(eq(alerts.id, id), alertsVisibleTo(actor)));
    if (!before) throw new NotFoundError("Alert not found.");
    if (note?.trim()) await assertNoTextForErased(tx, [before.alerts.candidateId], "an acknowledgement note", "note");
    const [after] = await tx
      .update(alerts)
      .set({ acknowledgedAt: new Date(), acknowledgedBy: actor.id || null, acknowledgeNote: note })
      .where(eq(alerts.id, id))
      .returning();
    await recordAudit(tx, actor, "acknowledge", "alert", id, before.alerts, after);
    return after;
  });
}

/** A candidate's open alerts that the actor may see (the candidate page's "At risk" card). */
export async function openAlertsFor(actor: Actor, candidateId: number) {
  assertCan(actor, "alerts.read");
  return db
    .select({
      id: alerts.id,
      rule: alerts.rule,
      message: alertMessage(actor),
      raisedAt: alerts.raisedAt,
      acknowledgedAt: alerts.acknowledgedAt,
      courseCode: courses.code,
    })
    .from(alerts)
    .innerJoin(candidates, eq(candidates.id, alerts.candidateId))
    .leftJoin(courses, eq(courses.id, alerts.courseId))
    .where(and(eq(alerts.candidateId, candidateId), isNull(alerts.resolvedAt), alertsVisibleTo(actor)))
    .orderBy(desc(alerts.raisedAt));
}
