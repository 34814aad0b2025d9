import "server-only";
import { and, asc, eq, gte, inArray, isNotNull, lt, lte, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { candidates, jobRuns, leads, tasks, terms, users } from "@/db/schema";
import { env } from "@/lib/env";
import { formatDate, formatDateTime } from "@/lib/format";
import { branding, queueTemplate } from "@/lib/email";
import { deliverDue, deliverEmail } from "./emails";
import { SYSTEM } from "@/lib/actor";
import { continueReportRun, startReportRun } from "./reports";

/** Records that a job ran for a period; false when it already had (so the job does nothing). */
async function claim(name: string, periodKey: string): Promise<boolean> {
  const [row] = await db.insert(jobRuns).values({ name, periodKey }).onConflictDoNothing().returning({ id: jobRuns.id });
  return !!row;
}

async function finish(name: string, periodKey: string, result: Record<string, unknown>) {
  await db
    .update(jobRuns)
    .set({ result })
    .where(and(eq(jobRuns.name, name), eq(jobRuns.periodKey, periodKey)));
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Each counsellor's due and overdue follow-ups, once a day. */
export async function followUpReminders(now = new Date()) {
  const key = day(now);
  if (!(await claim("follow-up-reminders", key))) return { skipped: true, period: key };
  const rows = await db
    .select({ id: leads.id, name: leads.studentName, followUpOn: leads.followUpOn, nextStep: leads.nextStep, ownerId: leads.ownerId })
    .from(leads)
    .where(and(inArray(leads.status, ["New", "Qualified"]), isNotNull(leads.ownerId), lte(leads.followUpOn, key)));
  const owners = [...new Set(rows.map((r) => r.ownerId!))];
  const staff = owners.length
    ? await db.select({ id: users.id, fullName: users.fullName, email: users.email, active: users.active }).from(users).where(inArray(users.id, owners))
    : [];
  const brand = await branding();
  const ids: number[] = [];
  for (const u of staff.filter((s) => s.active)) {
    const mine = rows
      .filter((r) => r.ownerId === u.id)
      .map((r) => ({ name: r.name, date: formatDate(r.followUpOn), nextStep: r.nextStep, url: `${env.APP_URL}/leads/${r.id}`, due: r.followUpOn! }));
    const id = await queueTemplate(
      db,
      "follow-up-reminder",
      {
        branding: brand,
        counsellorName: u.fullName.split(" ")[0],
        overdue: mine.filter((m) => m.due < key),
        today: mine.filter((m) => m.due === key),
        appUrl: env.APP_URL,
      },
      { to: u.email, userId: u.id, dedupeKey: `follow-up-reminders:${key}:${u.id}` },
    );
    if (id) ids.push(id);
  }
  for (const id of ids) await deliverEmail(id);
  const result = { period: key, emails: ids.length, followUps: rows.length };
  await finish("follow-up-reminders", key, result);
  return result;
}

/** Each person's overdue, today's and this week's tasks, once a day. */
export async function taskDigest(now = new Date()) {
  const key = day(now);
  if (!(await claim("task-digest", key))) return { skipped: true, period: key };
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const end = new Date(start.getTime() + 86_400_000);
  const week = new Date(start.getTime() + 7 * 86_400_000);
  const rows = await db
    .select({ title: tasks.title, dueAt: tasks.dueAt, ownerId: tasks.ownerId, lead: leads.studentName, candidate: candidates.fullName })
    .from(tasks)
    .leftJoin(leads, eq(leads.id, tasks.leadId))
    .leftJoin(candidates, eq(candidates.id, tasks.candidateId))
    .where(and(ne(tasks.status, "done"), isNotNull(tasks.ownerId), isNotNull(tasks.dueAt), lt(tasks.dueAt, week)))
    .orderBy(asc(tasks.dueAt));
  const owners = [...new Set(rows.map((r) => r.ownerId!))];
  const staff = owners.length
    ? await db.select({ id: users.id, fullName: users.fullName, email: users.email, active: users.active }).from(users).where(inArray(users.id, owners))
    : [];
  const brand = await branding();
  const ids: number[] = [];
  for (const u of staff.filter((s) => s.active)) {
    const item = (r: (typeof rows)[number]) => ({ title: r.title, due: formatDateTime(r.dueAt), related: r.lead ?? r.candidate ?? null });
    const mine = rows.filter((r) => r.ownerId === u.id);
    const id = await queueTemplate(
      db,
      "task-digest",
      {
        branding: brand,
        name: u.fullName.split(" ")[0],
        overdue: mine.filter((r) => r.dueAt! < now).map(item),
        today: mine.filter((r) => r.dueAt! >= now && r.dueAt! < end).map(item),
        upcoming: mine.filter((r) => r.dueAt! >= end).map(item),
        appUrl: env.APP_URL,
      },
      { to: u.email, userId: u.id, dedupeKey: `task-digest:${key}:${u.id}` },
    );
    if (id) ids.push(id);
  }
  for (const id of ids) await deliverEmail(id);
  const result = { period: key, emails: ids.length, tasks: rows.length };
  await finish("task-digest", key, result);
  return result;
}

/** When a term has ended, everyone's progress report for it, once per term. */
export async function endOfTermReports(now = new Date()) {
  const ended = await db
    .select()
    .from(terms)
    .where(and(lt(terms.endsOn, day(now)), gte(terms.endsOn, day(new Date(now.getTime() - 30 * 86_400_000)))));
  const out: Record<string, unknown>[] = [];
  for (const t of ended) {
    const run = await startReportRun(SYSTEM, { kind: "term", termId: t.id }, { periodKey: `end-of-term:${t.id}` });
    let progress = { queued: run.queued, total: run.total, done: run.status === "done" };
    while (!progress.done) progress = await continueReportRun(SYSTEM, run.id, 100);
    out.push({ term: t.name, runId: run.id, ...progress });
  }
  return { terms: out };
}

/** Sends what is queued or due for a retry. */
export async function deliverEmails() {
  return deliverDue(500);
}
