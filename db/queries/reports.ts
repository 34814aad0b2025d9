import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { accessLinks, candidates, courses, emailMessages, guardians, reportRuns, terms, users } from "@/db/schema";
import { env } from "@/lib/env";
import { formatDate } from "@/lib/format";
import { formatCell } from "@/lib/gradebook/cell";
import { formatPercent } from "@/lib/results";
import { likePattern, sortKey, type ListParams, type Page } from "@/lib/list";
import { RECEIPT_SORTS, RESEND_WINDOW_MINUTES, type ReceiptShow } from "@/lib/filters/receipts";
import { branding } from "@/lib/email";
import { renderEmail } from "@/lib/email/render";
import { personalLinkUrl, unknownTokenHash } from "@/lib/email/personal-link";
import type { ReportCourse } from "@/emails/progress-report";
import { assertCan, type Actor } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { assertCandidateVisible, candidatesOfRunScope, candidatesVisibleTo } from "./scope";
import { loadCandidateResults, newResultsCache, type ResultsCache } from "./internal/results";
import { deliverEmails, queueEmails, type QueueInput } from "./emails";
import { getSettings } from "./settings";
import { assertNotErased } from "./privacy";

export type ReportScope =
  | { kind: "candidate"; candidateId: number }
  | { kind: "course"; courseId: number }
  | { kind: "program_term"; programId: number; termId: number }
  | { kind: "term"; termId: number };

/** Who receives a candidate's report: guardians who asked for reports, and the candidate if they agreed. */
export async function recipientsOf(candidateIds: number[]) {
  const out = new Map<number, { email: string; name: string; guardianId: number | null }[]>();
  for (let i = 0; i < candidateIds.length; i += 500) {
    const part = candidateIds.slice(i, i + 500);
    const cands = await db
      .select({ id: candidates.id, fullName: candidates.fullName, email: candidates.email, consent: candidates.consentToEmail })
      .from(candidates)
      .where(inArray(candidates.id, part));
    for (const c of cands) out.set(c.id, c.consent && c.email ? [{ email: c.email, name: c.fullName, guardianId: null }] : []);
    const gs = await db
      .select({ id: guardians.id, candidateId: guardians.candidateId, email: guardians.email, name: guardians.fullName })
      .from(guardians)
      .where(and(inArray(guardians.candidateId, part), eq(guardians.receivesReports, true), isNotNull(guardians.email)));
    for (const g of gs) {
      const list = out.get(g.candidateId) ?? [];
      if (!list.some((r) => r.email.toLowerCase() === g.email!.toLowerCase())) list.push({ email: g.email!, name: g.name, guardianId: g.id });
      out.set(g.candidateId, list);
    }
  }
  return out;
}

/** The candidates a scope covers (active ones), after checking the actor may send for it. */
async function candidatesInScope(actor: Actor, scope: ReportScope): Promise<number[]> {
  assertCan(actor, "reports.send");
  if (scope.kind === "candidate") {
    await assertCandidateVisible(actor, scope.candidateId);
    await assertNotErased(db, scope.candidateId);
    return [scope.candidateId];
  }
  // A course, a program's term or a whole term: the same rule as grade-card runs.
  return candidatesOfRunScope(actor, scope, "reports");
}

function termOf(scope: ReportScope): Promise<number | null> | number | null {
  if (scope.kind === "term" || scope.kind === "program_term") return scope.termId;
  if (scope.kind === "course")
    return db
      .select({ termId: courses.termId })
      .from(courses)
      .where(eq(courses.id, scope.courseId))
      .then((r) => r[0]?.termId ?? null);
  return null;
}

/** Starts a report run; `periodKey` makes a scheduled run idempotent (the same key never runs twice). */
export async function startReportRun(actor: Actor, scope: ReportScope, opts: { periodKey?: string } = {}) {
  const ids = await candidatesInScope(actor, scope);
  const recipients = await recipientsOf(ids);
  const total = [...recipients.values()].reduce((s, l) => s + l.length, 0);
  if (opts.periodKey) {
    const [existing] = await db.select().from(reportRuns).where(eq(reportRuns.periodKey, opts.periodKey));
    if (existing) return existing;
  }
  return db.transaction(async (tx) => {
    const [run] = await tx
      .insert(reportRuns)
      .values({
        scope: scope.kind,
        candidateId: scope.kind === "candidate" ? scope.candidateId : null,
        courseId: scope.kind === "course" ? scope.courseId : null,
        programId: scope.kind === "program_term" ? scope.programId : null,
        termId: (await termOf(scope)) ?? null,
        total,
        status: total ? "running" : "done",
        periodKey: opts.periodKey ?? null,
        createdBy: actor.id || null,
        finishedAt: total ? null : new Date(),
      })
      .returning();
    await recordAudit(tx, actor, "start", "report_run", run.id, null, { scope, total });
    return run;
  });
}

function scopeOf(run: typeof reportRuns.$inferSelect): ReportScope {
  if (run.scope === "candidate") return { kind: "candidate", candidateId: run.candidateId! };
  if (run.scope === "course") return { kind: "course", courseId: run.courseId! };
  if (run.scope === "program_term") return { kind: "program_term", programId: run.programId!, termId: run.termId! };
  return { kind: "term", termId: run.termId! };
}

export async function getReportRun(actor: Actor, runId: number) {
  assertCan(actor, "reports.send");
  const [run] = await db.select().from(reportRuns).where(eq(reportRuns.id, runId));
  if (!run || (actor.role !== "admin" && run.createdBy !== actor.id)) throw new NotFoundError("Report run not found.");
  return run;
}

/**
 * Queues the next batch of a run's reports and sends them. Safe to call again and again
 * (and after an interruption): each (run, candidate, recipient) is queued at most once.
 */
export async function continueReportRun(
  actor: Actor,
  runId: number,
  batch = 25,
): Promise<{ queued: number; total: number; done: boolean; sent: number; failed: number }> {
  const run = await getReportRun(actor, runId);
  if (run.status !== "running") return { queued: run.queued, total: run.total, done: true, sent: 0, failed: 0 };
  const ids = await candidatesInScope(actor, scopeOf(run));
  const recipients = await recipientsOf(ids);
  const done = new Set((await db.select({ k: emailMessages.dedupeKey }).from(emailMessages).where(eq(emailMessages.runId, runId))).map((r) => r.k));
  const brand = await branding();
  const days = (await getSettings()).resultLinkDays;
  // Gather the batch, render it outside any transaction, then log links and messages together.
  const cache = newResultsCache();
  const prepared: {
    link: typeof accessLinks.$inferInsert;
    message: Omit<QueueInput, "html" | "text" | "subject" | "template">;
    props: Parameters<typeof renderEmail<"progress-report">>[1];
  }[] = [];
  for (const candidateId of ids) {
    if (prepared.length >= batch) break;
    const pending = (recipients.get(candidateId) ?? []).filter((r) => !done.has(key(runId, candidateId, r.email)));
    if (!pending.length) continue;
    const content = await reportContent(candidateId, run.termId, cache);
    for (const r of pending) {
      const expiresAt = new Date(Date.now() + days * 86_400_000);
      prepared.push({
        // No token yet: delivery mints it, so the log and the link row never hold a usable one.
        link: { candidateId, guardianId: r.guardianId, recipient: r.email, tokenHash: unknownTokenHash(), expiresAt, createdBy: actor.id || null },
        message: { to: r.email, candidateId, runId, dedupeKey: key(runId, candidateId, r.email), createdBy: actor.id || null },
        props: {
          branding: brand,
          recipientName: r.name,
          ...content,
          link: personalLinkUrl(env.APP_URL, "r"),
          gradeCard: { termId: run.termId },
          expiresOn: formatDate(expiresAt),
        },
      });
    }
  }
  const rendered = await Promise.all(prepared.map((p) => renderEmail("progress-report", p.props)));
  const newIds = prepared.length
    ? await db.transaction(async (tx) => {
        const linkIds = new Map<string, number>();
        for (let i = 0; i < prepared.length; i += 200) {
          const rows = await tx
            .insert(accessLinks)
            .values(prepared.slice(i, i + 200).map((p) => p.link))
            .returning({ id: accessLinks.id, tokenHash: accessLinks.tokenHash });
          for (const row of rows) linkIds.set(row.tokenHash, row.id);
        }
        const queuedIds = await queueEmails(
          tx,
          prepared.map((p, i) => ({
            ...p.message,
            accessLinkId: linkIds.get(p.link.tokenHash)!,
            template: "progress-report" as const,
            subject: rendered[i].subject,
            html: rendered[i].html,
            text: rendered[i].text,
          })),
        );
        // A racing resume may have queued some of these already: their links are not ours to keep.
        if (queuedIds.length < prepared.length) {
          const mine = new Set(
            (await tx.select({ id: emailMessages.accessLinkId }).from(emailMessages).where(inArray(emailMessages.id, queuedIds))).map((r) => r.id),
          );
          const spare = [...linkIds.values()].filter((id) => !mine.has(id));
          for (let i = 0; i < spare.length; i += 500) await tx.delete(accessLinks).where(inArray(accessLinks.id, spare.slice(i, i + 500)));
        }
        return queuedIds;
      })
    : [];
  const { sent, failed } = await deliverEmails(newIds);
  const [{ queued }] = await db
    .select({ queued: sql<number>`count(*)` })
    .from(emailMessages)
    .where(eq(emailMessages.runId, runId));
  // Done when every planned message is queued, or when nothing is left to send (recipients
  // removed or a candidate erased since the run began: the plan shrank, the run must not hang).
  const finished = queued >= run.total || prepared.length === 0;
  await db
    .update(reportRuns)
    .set({ queued, ...(finished ? { status: "done" as const, finishedAt: new Date() } : {}) })
    .where(eq(reportRuns.id, runId));
  return { queued, total: run.total, done: finished, sent, failed };
}

const key = (runId: number, candidateId: number, email: string) => `run:${runId}:cand:${candidateId}:to:${email.toLowerCase()}`;

/** What a candidate's report says: the courses of the term, published marks only, from lib/results. */
export async function reportContent(candidateId: number, termId: number | null, cache?: ResultsCache) {
  const [c] = await db.select({ fullName: candidates.fullName }).from(candidates).where(eq(candidates.id, candidateId));
  if (!c) throw new NotFoundError("Candidate not found.");
  const results = await loadCandidateResults(db, candidateId, { audience: "parents", cache });
  const term = (termId ? results.terms.find((t) => t.termId === termId) : results.terms[0]) ?? results.terms[0];
  const courses: ReportCourse[] = (term?.courses ?? []).map((r) => ({
    code: r.code,
    name: r.name,
    // The shown figure (the scheme's reported total), as the result page and the gradebook show it.
    percent: formatPercent(r.result.shown),
    grade: r.grade,
    attendance: formatPercent(r.attendance.rate),
    held: r.held,
    marks: r.assessments.map((a) => {
      const m = r.marks.find((x) => x.assessmentId === a.id);
      const shown = m ? formatCell({ score: m.score, status: m.status }) : "";
      const mark =
        !m || shown === ""
          ? "Not yet marked"
          : m.status === "absent"
            ? "Absent (0)"
            : m.status === "missing"
              ? "Missing (0)"
              : m.status === "excused"
                ? "Excused"
                : `${shown.replace(/L$/, "")} / ${a.maxScore}${m.status === "late" ? " (late)" : ""}`;
      return { name: a.name, mark, feedback: m?.feedback ?? null };
    }),
  }));
  return { candidateName: c.fullName, termName: term?.termName ?? "this term", overall: formatPercent(term?.overall.percent ?? null), courses };
}

const runColumns = () =>
  db
    .select({
      id: reportRuns.id,
      scope: reportRuns.scope,
      status: reportRuns.status,
      total: reportRuns.total,
      queued: reportRuns.queued,
      createdAt: reportRuns.createdAt,
      finishedAt: reportRuns.finishedAt,
      by: users.fullName,
      courseCode: courses.code,
      termName: terms.name,
      candidateName: candidates.fullName,
    })
    .from(reportRuns)
    .leftJoin(users, eq(users.id, reportRuns.createdBy))
    .leftJoin(courses, eq(courses.id, reportRuns.courseId))
    .leftJoin(terms, eq(terms.id, reportRuns.termId))
    .leftJoin(candidates, eq(candidates.id, reportRuns.candidateId));

export async function listReportRuns(actor: Actor, limit = 20) {
  assertCan(actor, "reports.send");
  return runColumns()
    .where(actor.role === "admin" ? undefined : eq(reportRuns.createdBy, actor.id))
    .orderBy(desc(reportRuns.id))
    .limit(limit);
}

/** One run as its page shows it: whom it was for, by whom, and how far it got (the same scoping as getReportRun). */
export async function reportRunSummary(actor: Actor, runId: number) {
  await getReportRun(actor, runId);
  const [row] = await runColumns().where(eq(reportRuns.id, runId));
  return row;
}

// ——— Read receipts: who opened the link a run sent them, and a resend to those who did not ———

/** A run's recipients as the receipt list and the resend see them: each original message of the run and the link it carried. */
function receiptWhere(actor: Actor, runId: number, show: ReceiptShow = "all", q?: string) {
  return and(
    eq(emailMessages.runId, runId),
    // Only candidates the actor may still see: a faculty member who no longer teaches the course sees its run's names no more.
    candidatesVisibleTo(actor),
    show === "opened" ? sql`${accessLinks.uses} > 0` : show === "unopened" ? and(eq(accessLinks.uses, 0), isNull(accessLinks.revokedAt)) : undefined,
    q
      ? sql`(${candidates.fullName} like ${likePattern(q)} escape '\\' or ${emailMessages.to} like ${likePattern(q)} escape '\\' or ${guardians.fullName} like ${likePattern(q)} escape '\\')`
      : undefined,
  );
}

const receiptFrom = () =>
  db
    .select({
      linkId: accessLinks.id,
      messageId: emailMessages.id,
      candidateId: candidates.id,
      candidateName: candidates.fullName,
      candidateNumber: candidates.candidateNumber,
      recipient: emailMessages.to,
      guardianName: guardians.fullName,
      guardianId: accessLinks.guardianId,
      status: emailMessages.status,
      sentAt: emailMessages.sentAt,
      firstOpenedAt: accessLinks.firstOpenedAt,
      lastOpenedAt: accessLinks.lastUsedAt,
      uses: accessLinks.uses,
      revokedAt: accessLinks.revokedAt,
      resentAt: accessLinks.resentAt,
      resends: accessLinks.resends,
    })
    .from(emailMessages)
    .innerJoin(accessLinks, eq(accessLinks.id, emailMessages.accessLinkId))
    .innerJoin(candidates, eq(candidates.id, emailMessages.candidateId))
    .leftJoin(guardians, eq(guardians.id, accessLinks.guardianId));

/** How many of a run's recipients opened their link, and how many have not (a revoked link is neither: it cannot be opened). */
export async function runReceiptCounts(actor: Actor, runId: number) {
  await getReportRun(actor, runId);
  const [row] = await db
    .select({
      recipients: sql<number>`count(*)`,
      opened: sql<number>`coalesce(sum(case when ${accessLinks.uses} > 0 then 1 else 0 end), 0)`,
      unopened: sql<number>`coalesce(sum(case when ${accessLinks.uses} = 0 and ${accessLinks.revokedAt} is null then 1 else 0 end), 0)`,
      revoked: sql<number>`coalesce(sum(case when ${accessLinks.uses} = 0 and ${accessLinks.revokedAt} is not null then 1 else 0 end), 0)`,
      // The unopened a resend would reach now: not resent within the window.
      resendable: sql<number>`coalesce(sum(case when ${accessLinks.uses} = 0 and ${accessLinks.revokedAt} is null and (${accessLinks.resentAt} is null or ${accessLinks.resentAt} < ${Date.now() - RESEND_WINDOW_MINUTES * 60_000}) then 1 else 0 end), 0)`,
    })
    .from(emailMessages)
    .innerJoin(accessLinks, eq(accessLinks.id, emailMessages.accessLinkId))
    .innerJoin(candidates, eq(candidates.id, emailMessages.candidateId))
    .where(receiptWhere(actor, runId));
  return {
    recipients: Number(row.recipients),
    opened: Number(row.opened),
    unopened: Number(row.unopened),
    revoked: Number(row.revoked),
    resendable: Number(row.resendable),
  };
}

/** A page of a run's recipients with their read receipts: searchable, sortable, the total counting the same rows. */
export async function listRunReceipts(actor: Actor, runId: number, params: ListParams, show: ReceiptShow = "unopened") {
  await getReportRun(actor, runId);
  const where = receiptWhere(actor, runId, show, params.q);
  const sort = sortKey(RECEIPT_SORTS, params.sort, "candidate");
  const dir = params.dir === "desc" ? desc : asc;
  const order =
    sort === "recipient"
      ? [dir(emailMessages.to), asc(accessLinks.id)]
      : sort === "opened"
        ? [dir(accessLinks.uses), dir(sql`coalesce(${accessLinks.lastUsedAt}, 0)`), asc(accessLinks.id)]
        : [dir(candidates.fullName), asc(emailMessages.to), asc(accessLinks.id)];
  const [rows, [{ n }]] = await Promise.all([
    receiptFrom()
      .where(where)
      .orderBy(...order)
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db
      .select({ n: count() })
      .from(emailMessages)
      .innerJoin(accessLinks, eq(accessLinks.id, emailMessages.accessLinkId))
      .innerJoin(candidates, eq(candidates.id, emailMessages.candidateId))
      .leftJoin(guardians, eq(guardians.id, accessLinks.guardianId))
      .where(where),
  ]);
  return { rows, total: n, page: params.page, size: params.size } satisfies Page<unknown>;
}

export type ReceiptRow = Awaited<ReturnType<typeof listRunReceipts>>["rows"][number];

// Why an earlier message for a link is not sent after all: a resend carries the link now.
export const SUPERSEDED = "Not sent: a resend to this recipient replaced it.";

/**
 * Sends the run's report again to each recipient who has not opened their link: a fresh email
 * (today's figures) carrying the same link, whose token is minted anew at delivery, so the
 * recipient still has one live link for the run, not two. Each link is claimed in one UPDATE
 * (unopened, not revoked, not resent in the last RESEND_WINDOW_MINUTES) before anything is
 * queued, so a double click or two colleagues at once send each recipient one email. Only
 * candidates still in the run's scope for this actor, and addresses that still receive reports,
 * are sent to. Every resend is logged (the email log) and audited.
 */
export async function resendUnopened(actor: Actor, runId: number): Promise<{ resent: number; skipped: number; sent: number; failed: number }> {
  const run = await getReportRun(actor, runId);
  const inScope = new Set(await candidatesInScope(actor, scopeOf(run)));
  const unopened = (await receiptFrom().where(receiptWhere(actor, runId, "unopened"))).filter((r) => inScope.has(r.candidateId));
  const current = await recipientsOf([...new Set(unopened.map((r) => r.candidateId))]);
  const targets = unopened.filter((r) => (current.get(r.candidateId) ?? []).some((c) => c.email.toLowerCase() === r.recipient.toLowerCase()));
  if (!targets.length) return { resent: 0, skipped: unopened.length, sent: 0, failed: 0 };

  const brand = await branding();
  const days = (await getSettings()).resultLinkDays;
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  const cache = newResultsCache();
  const content = new Map<number, Awaited<ReturnType<typeof reportContent>>>();
  for (const t of targets) if (!content.has(t.candidateId)) content.set(t.candidateId, await reportContent(t.candidateId, run.termId, cache));
  const names = new Map([...current.values()].flat().map((c) => [c.email.toLowerCase(), c.name]));
  const rendered = await Promise.all(
    targets.map((t) =>
      renderEmail("progress-report", {
        branding: brand,
        recipientName: names.get(t.recipient.toLowerCase()) ?? t.recipient,
        ...content.get(t.candidateId)!,
        link: personalLinkUrl(env.APP_URL, "r"),
        expiresOn: formatDate(expiresAt),
      }),
    ),
  );

  const now = new Date();
  const windowStart = now.getTime() - RESEND_WINDOW_MINUTES * 60_000;
  const queued = await db.transaction(async (tx) => {
    const claimed = new Map<number, number>();
    const ids = targets.map((t) => t.linkId);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await tx
        .update(accessLinks)
        .set({ resentAt: now, resends: sql`${accessLinks.resends} + 1`, expiresAt })
        .where(
          and(
            inArray(accessLinks.id, ids.slice(i, i + 500)),
            eq(accessLinks.uses, 0),
            isNull(accessLinks.revokedAt),
            or(isNull(accessLinks.resentAt), lt(accessLinks.resentAt, new Date(windowStart))),
          ),
        )
        .returning({ id: accessLinks.id, resends: accessLinks.resends });
      for (const r of rows) claimed.set(r.id, r.resends);
    }
    if (!claimed.size) return [];
    const mine = targets.map((t, i) => ({ t, r: rendered[i] })).filter(({ t }) => claimed.has(t.linkId));
    const linkIds = mine.map(({ t }) => t.linkId);
    // An earlier message for the same link still waiting for a retry would mint over the resend's token.
    for (let i = 0; i < linkIds.length; i += 500)
      await tx
        .update(emailMessages)
        .set({ status: "failed", error: SUPERSEDED, nextAttemptAt: null })
        .where(
          and(
            inArray(emailMessages.accessLinkId, linkIds.slice(i, i + 500)),
            or(eq(emailMessages.status, "queued"), and(eq(emailMessages.status, "failed"), isNotNull(emailMessages.nextAttemptAt))),
          ),
        );
    const queuedIds = await queueEmails(
      tx,
      mine.map(({ t, r }) => ({
        to: t.recipient,
        template: "progress-report" as const,
        subject: r.subject,
        html: r.html,
        text: r.text,
        candidateId: t.candidateId,
        accessLinkId: t.linkId,
        // The recorded resend: the same (link, resend number) is never queued twice.
        dedupeKey: `resend:run:${runId}:link:${t.linkId}:${claimed.get(t.linkId)}`,
        createdBy: actor.id || null,
      })),
    );
    await recordAudit(tx, actor, "resend", "report_run", runId, null, { recipients: mine.length, linkIds, to: mine.map(({ t }) => t.recipient) });
    return queuedIds;
  });
  const { sent, failed } = await deliverEmails(queued);
  return { resent: queued.length, skipped: unopened.length - queued.length, sent, failed };
}
