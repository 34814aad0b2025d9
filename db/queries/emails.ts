import "server-only";
import { and, count, desc, eq, inArray, isNotNull, lte, or, sql, type SQL } from "drizzle-orm";
import { Resend } from "resend";
import { db, type DbOrTx, type Tx } from "@/db/client";
import { candidates, emailMessages, leads } from "@/db/schema";
import type { EmailStatus, EmailTemplate } from "@/lib/constants";
import { env } from "@/lib/env";
import { likePattern, type ListParams, type Page } from "@/lib/list";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { dropMessage } from "@/lib/email/mail-drop";
import { carriesPersonalLink, LINK_TEMPLATES, redactTokens, withToken } from "@/lib/email/personal-link";
import { assertCan, type Actor } from "@/lib/actor";
import { NotFoundError } from "@/lib/errors";
import { recordAudit } from "./audit";
import { candidatesVisibleTo } from "./scope";

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
  /** The result link a progress report's placeholder stands for. */
  accessLinkId?: number | null;
  /** The invitation or reset token a staff message's placeholder stands for. */
  userTokenId?: number | null;
};

/**
 * What the log stores: never a usable link (PRODUCT.md §6). Templates are rendered with the
 * placeholder where the token goes; anything token-shaped that slipped in anyway is replaced
 * by it too. A message with a placeholder must name the link row it stands for.
 */
function loggable(input: QueueInput): QueueInput {
  const out = { ...input, html: redactTokens(input.html).body, text: redactTokens(input.text).body };
  const link = LINK_TEMPLATES[input.template];
  if (link && carriesPersonalLink(out) && !(link === "accessLink" ? input.accessLinkId : input.userTokenId)) {
    throw new Error(`A ${input.template} message with a personal link must name its ${link === "accessLink" ? "accessLinkId" : "userTokenId"}.`);
  }
  return out;
}

export function transportName(): "resend" | "outbox" {
  return env.RESEND_API_KEY ? "resend" : "outbox";
}

/** Writes the message to the log, queued. Returns null when the dedupe key was used already. */
export async function queueEmail(tx: DbOrTx, input: QueueInput): Promise<number | null> {
  const [row] = await tx
    .insert(emailMessages)
    .values({ ...loggable(input), status: "queued", transport: transportName(), nextAttemptAt: new Date() })
    .onConflictDoNothing({ target: emailMessages.dedupeKey })
    .returning({ id: emailMessages.id });
  return row?.id ?? null;
}

/** 1, 2, 4, 8 minutes…: each failure waits twice as long before the next try. */
export function backoffMs(attempts: number): number {
  return 60_000 * 2 ** Math.max(0, attempts - 1);
}

type Message = typeof emailMessages.$inferSelect;

// Why a message is not sent: what its link stood for was revoked, used, replaced or removed
// before delivery. Sending it would only deliver a dead link, so it is kept, failed, unretried.
export const LINK_GONE = "Not sent: the personal link in this message was revoked, used, replaced or removed before it could be delivered.";

const valuesList = (pairs: [number, string][]) =>
  sql.join(
    pairs.map(([id, h]) => sql`(${id}, ${h})`),
    sql`, `,
  );

/**
 * Mints a fresh token for each claimed message's personal link, inside the transaction that
 * claims them: the link row takes the token's hash, the token itself goes only into the copy
 * that is delivered. A link that is no longer live gets none, and its message is not sent.
 * Returns each message's token (by message id).
 */
async function mintTokens(tx: Tx, msgs: Message[]): Promise<Map<number, string>> {
  const minted = new Map<number, string>();
  const now = Date.now();
  for (const kind of ["accessLink", "userToken"] as const) {
    const mine = msgs.filter((m) => LINK_TEMPLATES[m.template] === kind && carriesPersonalLink(m) && (kind === "accessLink" ? m.accessLinkId : m.userTokenId));
    if (!mine.length) continue;
    const tokens = new Map(mine.map((m) => [m.id, newToken()]));
    const linkOf = (m: Message) => (kind === "accessLink" ? m.accessLinkId! : m.userTokenId!);
    const pairs = mine.map((m): [number, string] => [linkOf(m), hashToken(tokens.get(m.id)!)]);
    // One statement per batch (a report run delivers hundreds at once), only for live links.
    const live =
      kind === "accessLink"
        ? await tx.all<{ id: number }>(
            sql`with v(id, h) as (values ${valuesList(pairs)}) update access_links set token_hash = (select h from v where v.id = access_links.id), updated_at = ${now} where id in (select id from v) and revoked_at is null and expires_at > ${now} returning id`,
          )
        : await tx.all<{ id: number }>(
            sql`with v(id, h) as (values ${valuesList(pairs)}) update user_tokens set token_hash = (select h from v where v.id = user_tokens.id), updated_at = ${now} where id in (select id from v) and used_at is null and expires_at > ${now} returning id`,
          );
    const liveIds = new Set(live.map((r) => Number(r.id)));
    for (const m of mine) if (liveIds.has(linkOf(m))) minted.set(m.id, tokens.get(m.id)!);
  }
  return minted;
}

/** A message that carries a personal link is sent only with a freshly minted token. */
const sendable = (m: Message, minted: Map<number, string>) => !carriesPersonalLink(m) || minted.has(m.id);

/** The copy that leaves Markbook: the stored message with its token in place of the placeholder. */
function deliveredCopy(m: Message, minted: Map<number, string>) {
  const token = minted.get(m.id);
  return {
    id: m.id,
    from: env.EMAIL_FROM,
    to: m.to,
    subject: m.subject,
    html: token ? withToken(m.html, token) : m.html,
    text: token ? withToken(m.text, token) : m.text,
    date: new Date(),
  };
}

/**
 * Sends one logged message through its transport and records the outcome. A failure is
 * kept with the provider's error and scheduled for a retry; nothing is ever dropped. Each
 * try mints a new token for the message's link: a failed try's token was never delivered.
 */
export async function deliverEmail(id: number): Promise<EmailStatus> {
  // Claim it: only a queued or retry-due message is sent, and only by one worker.
  const claimed = await db.transaction(async (tx) => {
    const [msg] = await tx
      .update(emailMessages)
      .set({ attempts: sql`${emailMessages.attempts} + 1`, nextAttemptAt: null })
      .where(and(eq(emailMessages.id, id), inArray(emailMessages.status, ["queued", "failed"]), sql`${emailMessages.attempts} < ${MAX_ATTEMPTS}`))
      .returning();
    if (!msg) return null;
    const minted = await mintTokens(tx, [msg]);
    if (!sendable(msg, minted)) await tx.update(emailMessages).set({ status: "failed", error: LINK_GONE, nextAttemptAt: null }).where(eq(emailMessages.id, id));
    return { msg, minted };
  });
  if (!claimed) {
    const [cur] = await db.select({ status: emailMessages.status }).from(emailMessages).where(eq(emailMessages.id, id));
    return cur?.status ?? "failed";
  }
  const { msg, minted } = claimed;
  if (!sendable(msg, minted)) return "failed";
  try {
    const copy = deliveredCopy(msg, minted);
    let providerId: string | null = null;
    if (msg.transport === "resend") {
      const resend = new Resend(env.RESEND_API_KEY);
      const { data, error } = await resend.emails.send({ from: copy.from, to: copy.to, subject: copy.subject, html: copy.html, text: copy.text });
      if (error) throw new Error(`${error.name ?? "error"}: ${error.message}`);
      providerId = data?.id ?? null;
    } else {
      await dropMessage(copy);
      providerId = `outbox-${msg.id}`;
    }
    await db.update(emailMessages).set({ status: "sent", providerId, sentAt: new Date(), error: null }).where(eq(emailMessages.id, id));
    return "sent";
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    const next = msg.attempts < MAX_ATTEMPTS ? new Date(Date.now() + backoffMs(msg.attempts)) : null;
    await db
      .update(emailMessages)
      .set({ status: "failed", error: error.slice(0, 1000), nextAttemptAt: next })
      .where(eq(emailMessages.id, id));
    return "failed";
  }
}

/** Sends whatever is queued or due for a retry (the deliver-emails job). */
export async function deliverDue(limit = 200): Promise<{ sent: number; failed: number }> {
  const due = await db
    .select({ id: emailMessages.id })
    .from(emailMessages)
    .where(
      and(
        inArray(emailMessages.status, ["queued", "failed"]),
        sql`${emailMessages.attempts} < ${MAX_ATTEMPTS}`,
        isNotNull(emailMessages.nextAttemptAt),
        lte(emailMessages.nextAttemptAt, new Date()),
      ),
    )
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
  if (params.q)
    w.push(sql`(${emailMessages.to} like ${likePattern(params.q)} escape '\\' or ${emailMessages.subject} like ${likePattern(params.q)} escape '\\')`);
  if (f.status) w.push(eq(emailMessages.status, f.status));
  if (f.template) w.push(eq(emailMessages.template, f.template));
  if (f.runId) w.push(eq(emailMessages.runId, f.runId));
  const cond = w.length ? and(...w) : undefined;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: emailMessages.id,
        to: emailMessages.to,
        template: emailMessages.template,
        subject: emailMessages.subject,
        status: emailMessages.status,
        transport: emailMessages.transport,
        attempts: emailMessages.attempts,
        error: emailMessages.error,
        sentAt: emailMessages.sentAt,
        createdAt: emailMessages.createdAt,
        candidateId: emailMessages.candidateId,
        leadId: emailMessages.leadId,
      })
      .from(emailMessages)
      .where(cond)
      .orderBy(desc(emailMessages.id))
      .limit(params.size)
      .offset((params.page - 1) * params.size),
    db.select({ n: count() }).from(emailMessages).where(cond),
  ]);
  return { rows, total: n, page: params.page, size: params.size } satisfies Page<unknown>;
}

export type EmailListRow = Awaited<ReturnType<typeof listEmails>>["rows"][number];

export async function getEmail(actor: Actor, id: number) {
  assertCan(actor, "email.outbox");
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
  if (!row) throw new NotFoundError("Message not found.");
  return row;
}

/**
 * Emails about one candidate or lead (their pages list them), without the bodies: only about a
 * candidate the actor may see, or a lead when they may read leads (nothing otherwise).
 */
export async function emailsAbout(actor: Actor, subject: { candidateId: number } | { leadId: number }, limit = 20) {
  const columns = {
    id: emailMessages.id,
    to: emailMessages.to,
    subject: emailMessages.subject,
    template: emailMessages.template,
    status: emailMessages.status,
    sentAt: emailMessages.sentAt,
    createdAt: emailMessages.createdAt,
    error: emailMessages.error,
  };
  if ("candidateId" in subject) {
    assertCan(actor, "candidates.read");
    return db
      .select(columns)
      .from(emailMessages)
      .innerJoin(candidates, eq(candidates.id, emailMessages.candidateId))
      .where(and(eq(emailMessages.candidateId, subject.candidateId), candidatesVisibleTo(actor)))
      .orderBy(desc(emailMessages.id))
      .limit(limit);
  }
  assertCan(actor, "leads.read");
  return db
    .select(columns)
    .from(emailMessages)
    .innerJoin(leads, eq(leads.id, emailMessages.leadId))
    .where(eq(emailMessages.leadId, subject.leadId))
    .orderBy(desc(emailMessages.id))
    .limit(limit);
}

/** An admin sends a failed message again now (attempts start over). */
export async function retryEmail(actor: Actor, id: number) {
  assertCan(actor, "email.outbox");
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.id, id), or(eq(emailMessages.status, "failed"), eq(emailMessages.status, "queued"))));
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
      .values(inputs.slice(i, i + 100).map((m) => ({ ...loggable(m), status: "queued" as const, transport, nextAttemptAt: new Date() })))
      .onConflictDoNothing({ target: emailMessages.dedupeKey })
      .returning({ id: emailMessages.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

/**
 * Sends a batch: the local outbox claims, mints and drops them in one transaction per 500
 * (the message is sent only if its copy reached the mail drop); Resend takes one request each.
 */
export async function deliverEmails(ids: number[]): Promise<{ sent: number; failed: number }> {
  if (!ids.length) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  const done = new Set<number>();
  if (transportName() === "outbox") {
    for (let i = 0; i < ids.length; i += 500) {
      try {
        const r = await db.transaction(async (tx) => {
          const claimed = await tx
            .update(emailMessages)
            .set({
              status: "sent",
              attempts: sql`${emailMessages.attempts} + 1`,
              providerId: sql`'outbox-' || ${emailMessages.id}`,
              sentAt: new Date(),
              nextAttemptAt: null,
              error: null,
            })
            .where(and(inArray(emailMessages.id, ids.slice(i, i + 500)), eq(emailMessages.status, "queued"), eq(emailMessages.transport, "outbox")))
            .returning();
          const minted = await mintTokens(tx, claimed);
          const gone = claimed.filter((m) => !sendable(m, minted)).map((m) => m.id);
          if (gone.length)
            await tx.update(emailMessages).set({ status: "failed", providerId: null, sentAt: null, error: LINK_GONE }).where(inArray(emailMessages.id, gone));
          // Written before the commit: a crash leaves them queued (and their links unminted), never sent with no copy.
          await Promise.all(claimed.filter((m) => sendable(m, minted)).map((m) => dropMessage(deliveredCopy(m, minted))));
          return { claimed: claimed.map((m) => m.id), gone: gone.length };
        });
        r.claimed.forEach((id) => done.add(id));
        sent += r.claimed.length - r.gone;
        failed += r.gone;
      } catch {
        // Rolled back, so still queued: the one-by-one path below tries them and records the error.
      }
    }
  }
  // Resend (and anything the outbox could not take) one by one.
  for (const id of ids) {
    if (done.has(id)) continue;
    const s = await deliverEmail(id);
    if (s === "sent") sent++;
    else if (s === "failed") failed++;
  }
  return { sent, failed };
}
