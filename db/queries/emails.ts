import "server-only";
import { and, count, desc, eq, inArray, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import { Resend } from "resend";
import { db, type DbOrTx } from "@/db/client";
import { emailMessages } from "@/db/schema";
import type { EmailStatus, EmailTemplate } from "@/lib/constants";
import { env } from "@/lib/env";
import { likePattern, type ListParams, type Page } from "@/lib/list";
import { assertCan, NotFoundError, type Actor } from "./actor";
import { recordAudit } from "./audit";

export const MAX_ATTEMPTS = 5;

export type QueueInput = {
  to: string;
  template: EmailTemplate;
  subject: string;
  html: string;
  text: string;
  candidateId?: number | null;
  leadId?: number | null;
  userId?: number | null;
  runId?: number | null;
  dedupeKey?: string | null;
  createdBy?: number | null;
};

export function transportName(): "resend" | "outbox" {
  return process.env.RESEND_API_KEY || env.RESEND_API_KEY ? "resend" : "outbox";
}

/** Writes the message to the log, queued. Returns null when the dedupe key was used already. */
export async function queueEmail(tx: DbOrTx, input: QueueInput): Promise<number | null> {
  const [row] = await tx
    .insert(emailMessages)
    .values({ ...input, status: "queued", transport: transportName(), nextAttemptAt: new Date() })
    .onConflictDoNothing({ target: emailMessages.dedupeKey })
    .returning({ id: emailMessages.id });
  return row?.id ?? null;
}

/** 1, 2, 4, 8 minutes…: each failure waits twice as long before the next try. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

/**
 * Sends one logged message through its transport and records the outcome. A failure is
 * kept with the provider's error and scheduled for a retry; nothing is ever dropped.
 */
export async function deliverEmail(id: number): Promise<EmailStatus> {
  // Claim it: only a queued or retry-due message is sent, and only by one worker.
  const [msg] = await db
    .update(emailMessages)
    .set({ attempts: sql`${emailMessages.attempts} + 1`, nextAttemptAt: null })
    .where(and(eq(emailMessages.id, id), inArray(emailMessages.status, ["queued", "failed"]), sql`${emailMessages.attempts} < ${MAX_ATTEMPTS}`))
    .returning();
  if (!msg) {
    const [cur] = await db.select({ status: emailMessages.status }).from(emailMessages).where(eq(emailMessages.id, id));
    return cur?.status ?? "failed";
  }
  try {
    let providerId: string | null = null;
    if (msg.transport === "resend") {
      const resend = new Resend(process.env.RESEND_API_KEY || env.RESEND_API_KEY);
      const { data, error } = await resend.emails.send({ from: env.EMAIL_FROM, to: msg.to, subject: msg.subject, html: msg.html, text: msg.text });
      if (error) throw new Error(`${error.name ?? "error"}: ${error.message}`);
      providerId = data?.id ?? null;
    } else {
      providerId = `outbox-${msg.id}`;
    }
    await db.update(emailMessages).set({ status: "sent", providerId, sentAt: new Date(), error: null }).where(eq(emailMessages.id, id));
    return "sent";
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const next = msg.attempts < MAX_ATTEMPTS ? new Date(Date.now() + backoffMs(msg.attempts)) : null;
    await db.update(emailMessages).set({ status: "failed", error: error.slice(0, 1000), nextAttemptAt: next }).where(eq(emailMessages.id, id));
    return "failed";
  }
}

/** Sends whatever is queued or due for a retry (the deliver-emails job). */
export async function deliverDue(limit = 200): Promise<{ sent: number; failed: number }> {
  const due = await db
    .select({ id: emailMessages.id })
    .from(emailMessages)
    .where(and(inArray(emailMessages.status, ["queued", "failed"]), sql`${emailMessages.attempts} < ${MAX_ATTEMPTS}`, isNotNull(emailMessages.nextAttemptAt), lte(emailMessages.nextAttemptAt, new Date())))
    .orderBy(emailMessages.id)
    .limit(limit);
  let sent = 0;
  let failed = 0;
  for (const d of due) {
    if ((await deliverEmail(d.id)) === "sent") sent++;
    else failed++;
  }
  return { sent, failed };
}

export type EmailFilters = { status?: EmailStatus; template?: EmailTemplate; candidateId?: number; leadId?: number; runId?: number };

export async function listEmails(actor: Actor, params: ListParams, f: EmailFilters = {}) {
  assertCan(actor, "email.outbox");
  const w: SQL[] = [];
  if (params.q) w.push(sql`(${emailMessages.to} like ${likePattern(params.q)} escape '\\' or ${emailMessages.subject} like ${likePattern(params.q)} escape '\\')`);
  if (f.status) w.push(eq(emailMessages.status, f.status));
  if (f.template) w.push(eq(emailMessages.template, f.template));
  if (f.runId) w.push(eq(emailMessages.runId, f.runId));
  const cond = w.length ? and(...w) : undefined;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ id: emailMessages.id, to: emailMessages.to, template: emailMessages.template, subject: emailMessages.subject, status: emailMessages.status, transport: emailMessages.transport, attempts: emailMessages.attempts, error: emailMessages.error, sentAt: emailMessages.sentAt, createdAt: emailMessages.createdAt, candidateId: emailMessages.candidateId, leadId: emailMessages.leadId })
      .from(emailMessages)
      .where(cond)
      .orderBy(desc(emailMessages.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(emailMessages).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size } satisfies Page<unknown>;
}

export async function getEmail(actor: Actor, id: number) {
  assertCan(actor, "email.outbox");
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
  if (!row) throw new NotFoundError("Message not found.");
  return row;
}

/** Emails about one candidate or lead (their pages list them), without the bodies. */
export async function emailsAbout(subject: { candidateId: number } | { leadId: number }, limit = 20) {
  return db
    .select({ id: emailMessages.id, to: emailMessages.to, subject: emailMessages.subject, template: emailMessages.template, status: emailMessages.status, sentAt: emailMessages.sentAt, createdAt: emailMessages.createdAt, error: emailMessages.error })
    .from(emailMessages)
    .where("candidateId" in subject ? eq(emailMessages.candidateId, subject.candidateId) : eq(emailMessages.leadId, subject.leadId))
    .orderBy(desc(emailMessages.id))
    .limit(limit);
}

/** An admin sends a failed message again now (attempts start over). */
export async function retryEmail(actor: Actor, id: number) {
  assertCan(actor, "email.outbox");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(emailMessages).where(and(eq(emailMessages.id, id), or(eq(emailMessages.status, "failed"), eq(emailMessages.status, "queued"))));
    if (!before) throw new NotFoundError("Only a failed or queued message can be retried.");
    await tx.update(emailMessages).set({ attempts: 0, nextAttemptAt: new Date(), status: "queued" }).where(eq(emailMessages.id, id));
    await recordAudit(tx, actor, "retry", "email", id, { status: before.status, attempts: before.attempts }, { status: "queued" });
  });
  return deliverEmail(id);
}

/** Many messages logged at once (a report run's batch); those whose dedupe key exists are skipped. */
export async function queueEmails(tx: DbOrTx, inputs: QueueInput[]): Promise<number[]> {
  const ids: number[] = [];
  const transport = transportName();
  for (let i = 0; i < inputs.length; i += 100) {
    const rows = await tx
      .insert(emailMessages)
      .values(inputs.slice(i, i + 100).map((m) => ({ ...m, status: "queued" as const, transport, nextAttemptAt: new Date() })))
      .onConflictDoNothing({ target: emailMessages.dedupeKey })
      .returning({ id: emailMessages.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/** Sends a batch: the local outbox takes them in one write; Resend one request each. */
export async function deliverEmails(ids: number[]): Promise<{ sent: number; failed: number }> {
  if (!ids.length) return { sent: 0, failed: 0 };
  if (transportName() === "outbox") {
    let sent = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .update(emailMessages)
        .set({ status: "sent", attempts: sql`${emailMessages.attempts} + 1`, providerId: sql`'outbox-' || ${emailMessages.id}`, sentAt: new Date(), nextAttemptAt: null, error: null })
        .where(and(inArray(emailMessages.id, ids.slice(i, i + 500)), eq(emailMessages.status, "queued"), eq(emailMessages.transport, "outbox")))
        .returning({ id: emailMessages.id });
      sent += rows.length;
    }
    // Anything queued for Resend before the key was removed still goes one by one.
    const rest = ids.length - sent;
    if (!rest) return { sent, failed: 0 };
  }
  let sent = 0;
  let failed = 0;
  for (const id of ids) {
    const s = await deliverEmail(id);
    if (s === "sent") sent++;
    else if (s === "failed") failed++;
  }
  return { sent, failed };
}
