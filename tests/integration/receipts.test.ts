// Issue 14, point 5: read receipts per guardian. Each recipient's link records when it was first
// and last opened and how often (one UPDATE per view, so concurrent opens lose nothing; a HEAD,
// a prefetch or a signed-in staff member is not an open); a run shows who has not opened theirs,
// and a resend reaches just those, once, with the same link under a freshly minted token.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, like } from "drizzle-orm";
import { client, db } from "@/db/client";
import { accessLinks, auditEvents, emailMessages } from "@/db/schema";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { listAccessLinks, resolveAccessLink, revokeAccessLink } from "@/db/queries/access-links";
import { continueReportRun, listRunReceipts, resendUnopened, runReceiptCounts, SUPERSEDED, startReportRun } from "@/db/queries/reports";
import { RESEND_WINDOW_MINUTES } from "@/lib/filters/receipts";
import { makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { fromAddress } from "../support/client-ip";
import { startFakeResend } from "../support/fake-resend";
import { signInAs } from "../support/session";

const { GET: resultPage, HEAD: resultHead } = await import("@/app/r/[token]/route");
const { GET: gradeCardPage } = await import("@/app/r/[token]/grade-card/route");
const { resendUnopenedAction } = await import("@/app/(staff)/reports/actions");

let fake: Awaited<ReturnType<typeof startFakeResend>>;
beforeAll(async () => {
  fake = await startFakeResend();
  env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = fake.url;
});
afterAll(async () => {
  env.RESEND_API_KEY = "";
  await fake.close();
});

/** Every token delivered to this address, oldest first (the log keeps none). */
const tokensTo = (to: string) => fake.received.filter((r) => r.body.to === to).map((r) => /\/r\/([A-Za-z0-9_-]{43})/.exec(r.body.html)?.[1] ?? "");
const latestTokenTo = (to: string) => tokensTo(to).at(-1)!;
const linkRow = async (id: number) => (await db.select().from(accessLinks).where(eq(accessLinks.id, id)))[0];

let ip = 0;
function open(token: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  ip += 1;
  const handler = init.method === "HEAD" ? resultHead : resultPage;
  return handler(
    new Request(`http://localhost/r/${token}`, { method: init.method ?? "GET", headers: { ...fromAddress(`198.51.100.${ip}`), ...init.headers } }),
    {
      params: Promise.resolve({ token }),
    },
  );
}

/** A course's reports sent to its two guardians; each guardian's link and delivered token. */
async function sentRun() {
  const made = await makeCourse({ candidates: 2 });
  const run = await startReportRun(made.teacher, { kind: "course", courseId: made.course.id });
  await continueReportRun(made.teacher, run.id, 50);
  const messages = await db.select().from(emailMessages).where(eq(emailMessages.runId, run.id)).orderBy(emailMessages.id);
  expect(messages.map((m) => m.status)).toEqual(["sent", "sent"]);
  const recipients = messages.map((m) => ({ to: m.to, linkId: m.accessLinkId!, candidateId: m.candidateId!, token: latestTokenTo(m.to) }));
  for (const r of recipients) expect(r.token).toHaveLength(43);
  return { ...made, run, recipients };
}

describe("opening a link is recorded", () => {
  it("the first view sets first and last opened and a count of 1; a later one moves only last opened and the count", async () => {
    const { recipients } = await sentRun();
    const [a] = recipients;
    expect(await linkRow(a.linkId)).toMatchObject({ uses: 0, firstOpenedAt: null, lastUsedAt: null });

    expect((await open(a.token)).status).toBe(200);
    const first = await linkRow(a.linkId);
    expect(first.uses).toBe(1);
    expect(first.firstOpenedAt).toBeInstanceOf(Date);
    expect(first.lastUsedAt?.getTime()).toBe(first.firstOpenedAt!.getTime());

    await new Promise((r) => setTimeout(r, 5));
    expect((await open(a.token)).status).toBe(200);
    const second = await linkRow(a.linkId);
    expect(second.uses).toBe(2);
    expect(second.firstOpenedAt!.getTime()).toBe(first.firstOpenedAt!.getTime());
    expect(second.lastUsedAt!.getTime()).toBeGreaterThan(first.firstOpenedAt!.getTime());
  });

  it("a HEAD, a browser prefetch or prerender, a link preview and a signed-in staff member see the page without it counting", async () => {
    const { recipients, teacher } = await sentRun();
    const [a] = recipients;
    const head = await open(a.token, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    expect((await open("x".repeat(43), { method: "HEAD" })).status).toBe(404);
    const speculative: Record<string, string>[] = [
      { "sec-purpose": "prefetch" },
      { "sec-purpose": "prefetch;prerender" },
      { purpose: "prefetch" },
      { "x-purpose": "preview" },
    ];
    for (const headers of speculative) {
      const res = await open(a.token, { headers });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Candidate");
    }
    signInAs(teacher);
    try {
      expect((await open(a.token)).status).toBe(200);
    } finally {
      signInAs(null);
    }
    expect(await linkRow(a.linkId)).toMatchObject({ uses: 0, firstOpenedAt: null, lastUsedAt: null });
    // The guardian's own view is the one that counts.
    expect((await open(a.token)).status).toBe(200);
    expect((await linkRow(a.linkId)).uses).toBe(1);
  });

  it("the grade card opened straight from the email is an open; reached from the result page (same site) or by a HEAD it is not a second one", async () => {
    const { recipients } = await sentRun();
    const [a] = recipients;
    const card = (method: string, headers: Record<string, string>) => {
      ip += 1;
      return gradeCardPage(new Request(`http://localhost/r/${a.token}/grade-card`, { method, headers: { ...fromAddress(`198.51.101.${ip}`), ...headers } }), {
        params: Promise.resolve({ token: a.token }),
      });
    };
    const fromPage = await card("GET", { "sec-fetch-site": "same-origin" });
    expect(fromPage.status).toBe(200);
    expect(fromPage.headers.get("content-type")).toBe("application/pdf");
    expect((await card("HEAD", {})).status).toBe(200);
    expect((await linkRow(a.linkId)).uses).toBe(0);
    expect((await card("GET", { "sec-fetch-site": "none" })).status).toBe(200);
    expect(await linkRow(a.linkId)).toMatchObject({ uses: 1 });
    expect((await linkRow(a.linkId)).firstOpenedAt).toBeInstanceOf(Date);
  });

  it("twenty views at the same instant are twenty opens: none is lost", async () => {
    const { recipients } = await sentRun();
    const [a] = recipients;
    const results = await Promise.all(Array.from({ length: 20 }, () => resolveAccessLink(a.token)));
    expect(results.every((r) => r?.linkId === a.linkId)).toBe(true);
    const row = await linkRow(a.linkId);
    expect(row.uses).toBe(20);
    expect(row.firstOpenedAt).not.toBeNull();
    expect(row.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(row.firstOpenedAt!.getTime());
  });

  it("the candidate page's list shows each guardian's link: when it was sent, first and last opened, times opened", async () => {
    const { recipients, teacher } = await sentRun();
    const [a, b] = recipients;
    await resolveAccessLink(a.token);
    await resolveAccessLink(a.token);
    const [linkA] = await listAccessLinks(teacher, a.candidateId);
    expect(linkA).toMatchObject({ id: a.linkId, recipient: a.to, uses: 2 });
    expect(linkA.sentAt).toBeInstanceOf(Date);
    expect(linkA.firstOpenedAt!.getTime()).toBeLessThanOrEqual(linkA.lastUsedAt!.getTime());
    const [linkB] = await listAccessLinks(teacher, b.candidateId);
    expect(linkB).toMatchObject({ id: b.linkId, uses: 0, firstOpenedAt: null, lastUsedAt: null });
    expect(linkB.sentAt).toBeInstanceOf(Date);
  });

  it("the migration keeps what older links recorded: first opened is taken from last opened where there were uses", async () => {
    const { recipients } = await sentRun();
    const [a, b] = recipients;
    const when = new Date("2026-02-03T10:20:30Z");
    // As an older Markbook left them: uses and last opened, no first opened.
    await db.update(accessLinks).set({ uses: 3, lastUsedAt: when, firstOpenedAt: null }).where(eq(accessLinks.id, a.linkId));
    const sql = readFileSync(join(process.cwd(), "db/migrations/0006_link_receipts.sql"), "utf8");
    const backfill = sql
      .split("--> statement-breakpoint")
      .map((s) => s.trim())
      .find((s) => s.startsWith("UPDATE"));
    expect(backfill).toBeTruthy();
    await client.execute(backfill!);
    expect(await linkRow(a.linkId)).toMatchObject({ uses: 3, lastUsedAt: when, firstOpenedAt: when });
    expect(await linkRow(b.linkId)).toMatchObject({ uses: 0, lastUsedAt: null, firstOpenedAt: null });
  });
});

describe("a run's receipts and the resend to those who have not opened", () => {
  it("counts and lists who opened and who has not; the list's total matches its rows, and search narrows both", async () => {
    const { run, recipients, teacher } = await sentRun();
    const [a, b] = recipients;
    expect(await runReceiptCounts(teacher, run.id)).toMatchObject({ recipients: 2, opened: 0, unopened: 2, revoked: 0, resendable: 2 });
    await resolveAccessLink(a.token);
    expect(await runReceiptCounts(teacher, run.id)).toMatchObject({ recipients: 2, opened: 1, unopened: 1, resendable: 1 });
    const params = { dir: "asc" as const, page: 1, size: 25 };
    const unopened = await listRunReceipts(teacher, run.id, params, "unopened");
    expect(unopened.total).toBe(1);
    expect(unopened.rows.map((r) => r.recipient)).toEqual([b.to]);
    const opened = await listRunReceipts(teacher, run.id, params, "opened");
    expect(opened.rows).toMatchObject([{ recipient: a.to, uses: 1 }]);
    expect(opened.total).toBe(1);
    const all = await listRunReceipts(teacher, run.id, { ...params, q: b.to }, "all");
    expect(all).toMatchObject({ total: 1, rows: [{ recipient: b.to }] });
    const none = await listRunReceipts(teacher, run.id, { ...params, q: "nobody-by-this-name" }, "all");
    expect(none).toMatchObject({ total: 0, rows: [] });
  });

  it("resend goes only to the recipient who has not opened, with the same link under a new token; the old token closes", async () => {
    const { run, recipients, teacher } = await sentRun();
    const [a, b] = recipients;
    await resolveAccessLink(a.token);
    const before = { a: tokensTo(a.to).length, b: tokensTo(b.to).length };

    const r = await resendUnopened(teacher, run.id);
    expect(r).toMatchObject({ resent: 1, skipped: 0, sent: 1, failed: 0 });
    expect(tokensTo(a.to)).toHaveLength(before.a);
    expect(tokensTo(b.to)).toHaveLength(before.b + 1);

    // One live link per recipient and run: the resend's token opens it, the first email's no longer does.
    const fresh = latestTokenTo(b.to);
    expect(fresh).not.toBe(b.token);
    expect(await resolveAccessLink(b.token)).toBeNull();
    expect(await resolveAccessLink(fresh)).toMatchObject({ linkId: b.linkId, candidateId: b.candidateId });
    expect(await db.select().from(accessLinks).where(eq(accessLinks.candidateId, b.candidateId))).toHaveLength(1);
    expect(await linkRow(b.linkId)).toMatchObject({ resends: 1, uses: 1 });
    expect((await linkRow(b.linkId)).resentAt).toBeInstanceOf(Date);

    // Logged (the email log, tied to the candidate and the link) and audited.
    const logged = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.accessLinkId, b.linkId), like(emailMessages.dedupeKey, "resend:%")));
    expect(logged).toMatchObject([{ to: b.to, candidateId: b.candidateId, status: "sent", template: "progress-report", createdBy: teacher.id }]);
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entity, "report_run"), eq(auditEvents.entityId, String(run.id)), eq(auditEvents.action, "resend")));
    expect(audit.actorId).toBe(teacher.id);
    expect(audit.after).toMatchObject({ recipients: 1, linkIds: [b.linkId], to: [b.to] });
    // The run's own progress is untouched by the resend.
    expect(await runReceiptCounts(teacher, run.id)).toMatchObject({ recipients: 2, opened: 2, unopened: 0 });
  });

  it("resending twice quickly sends once: at the same moment, or again within the window; after the window it sends again", async () => {
    const { run, recipients, teacher } = await sentRun();
    const [a, b] = recipients;
    const before = { a: tokensTo(a.to).length, b: tokensTo(b.to).length };
    const [one, two] = await Promise.all([resendUnopened(teacher, run.id), resendUnopened(teacher, run.id)]);
    expect(one.resent + two.resent).toBe(2);
    expect(tokensTo(a.to)).toHaveLength(before.a + 1);
    expect(tokensTo(b.to)).toHaveLength(before.b + 1);
    expect(await runReceiptCounts(teacher, run.id)).toMatchObject({ unopened: 2, resendable: 0 });

    expect(await resendUnopened(teacher, run.id)).toMatchObject({ resent: 0, skipped: 2 });
    expect(tokensTo(a.to)).toHaveLength(before.a + 1);

    // The window has passed for one of them.
    await db
      .update(accessLinks)
      .set({ resentAt: new Date(Date.now() - (RESEND_WINDOW_MINUTES + 1) * 60_000) })
      .where(eq(accessLinks.id, a.linkId));
    expect(await resendUnopened(teacher, run.id)).toMatchObject({ resent: 1, skipped: 1 });
    expect(tokensTo(a.to)).toHaveLength(before.a + 2);
    expect(tokensTo(b.to)).toHaveLength(before.b + 1);
    expect(await linkRow(a.linkId)).toMatchObject({ resends: 2 });
    expect(await resolveAccessLink(latestTokenTo(a.to))).toMatchObject({ linkId: a.linkId });
  });

  it("a revoked link, or a guardian who no longer receives reports, is not resent; an earlier message waiting for a retry is superseded", async () => {
    const { run, recipients, teacher } = await sentRun();
    const [a, b] = recipients;
    await revokeAccessLink(teacher, a.linkId);
    expect(await runReceiptCounts(teacher, run.id)).toMatchObject({ unopened: 1, revoked: 1 });
    // b's first message failed and waits for its retry: the resend must not be minted over later.
    const [original] = await db
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.runId, run.id), eq(emailMessages.accessLinkId, b.linkId)));
    await db
      .update(emailMessages)
      .set({ status: "failed", nextAttemptAt: new Date(Date.now() + 60_000) })
      .where(eq(emailMessages.id, original.id));
    const before = tokensTo(a.to).length;
    expect(await resendUnopened(teacher, run.id)).toMatchObject({ resent: 1 });
    expect(tokensTo(a.to)).toHaveLength(before);
    const [after] = await db.select().from(emailMessages).where(eq(emailMessages.id, original.id));
    expect(after).toMatchObject({ status: "failed", error: SUPERSEDED, nextAttemptAt: null });
    expect(await resolveAccessLink(latestTokenTo(b.to))).toMatchObject({ linkId: b.linkId });
  });

  it("another faculty member, or a counsellor, cannot see or resend a run that is not theirs; nothing is sent", async () => {
    const { run, recipients } = await sentRun();
    const stranger = await makeUser("faculty");
    const counsellor = await makeUser("counsellor");
    const sentBefore = fake.received.length;
    await expect(resendUnopened(stranger, run.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(runReceiptCounts(stranger, run.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listRunReceipts(stranger, run.id, { dir: "asc", page: 1, size: 25 })).rejects.toBeInstanceOf(NotFoundError);
    signInAs(stranger);
    expect(await resendUnopenedAction(null, { runId: run.id })).toMatchObject({ ok: false, code: "not_found" });
    signInAs(counsellor);
    expect(await resendUnopenedAction(null, { runId: run.id })).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(null);
    expect(fake.received.length).toBe(sentBefore);
    const links = await db
      .select()
      .from(accessLinks)
      .where(
        inArray(
          accessLinks.id,
          recipients.map((r) => r.linkId),
        ),
      );
    expect(links.map((l) => l.resends)).toEqual([0, 0]);
    // An admin may act on any run.
    expect(await resendUnopened(await makeUser("admin"), run.id)).toMatchObject({ resent: 2 });
  });
});
