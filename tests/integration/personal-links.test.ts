// Issue 11, finding 4: no usable personal link is ever stored (PRODUCT.md §6). Each scenario
// delivers real messages (the real Resend SDK against a local fake, or the outbox's mail drop),
// opens the delivered link through the queries layer, and then searches the whole database —
// every text value of every table, and the raw bytes of the file and its WAL — for the token.
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { client, db } from "@/db/client";
import { accessLinks, emailMessages, userTokens } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { env } from "@/lib/env";
import { issueAccessLink, resolveAccessLink, revokeAccessLink } from "@/db/queries/access-links";
import { deliverDue, emailsAbout, LINK_GONE, queueEmail, retryEmail } from "@/db/queries/emails";
import { createLead } from "@/db/queries/leads";
import { exportCandidateData } from "@/db/queries/privacy";
import { continueReportRun, startReportRun } from "@/db/queries/reports";
import { findLiveToken, issuePasswordReset, setPasswordWithToken } from "@/db/queries/users";
import { redactLoggedTokens, runMigrations } from "@/db/migrator";
import { hashToken } from "@/lib/auth/tokens";
import { mailDropPath } from "@/lib/email/mail-drop";
import { PERSONAL_LINK } from "@/lib/email/personal-link";
import { renderEmail } from "@/lib/email/render";
import PasswordReset from "@/emails/password-reset";
import ProgressReport from "@/emails/progress-report";
import { makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { startFakeResend } from "../support/fake-resend";
import { signInAs } from "../support/session";

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.44" }) }));

const { forgotPasswordAction } = await import("@/app/(auth)/forgot-password/actions");
const { inviteUserAction } = await import("@/app/(staff)/admin/users/actions");

let fake: Awaited<ReturnType<typeof startFakeResend>>;
// The app reads its settings from the validated env (lib/env.ts); the tests switch transport there.
const useResend = () => (env.RESEND_API_KEY = "re_test_key");
const useOutbox = () => (env.RESEND_API_KEY = "");

beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url;
});
afterAll(async () => {
  useOutbox();
  await fake.close();
});
beforeEach(useResend);

const TOKEN = "[A-Za-z0-9_-]{43}";
const tokenIn = (body: string, path: "r" | "invite" | "reset-password") => new RegExp(`/${path}/(${TOKEN})`).exec(body)?.[1];
const receivedBy = (to: string) => fake.received.filter((r) => r.body.to === to);

/**
 * Where in the database any of these strings occurs: every text value of every table, and the
 * raw bytes of the database file and its WAL (so leftovers in free pages and old frames count).
 */
async function foundInDatabase(needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  const tables = await client.execute("select name from sqlite_master where type = 'table'");
  for (const t of tables.rows) {
    const name = String(t.name);
    const rows = await client.execute(`select * from "${name}"`);
    for (const row of rows.rows) {
      rows.columns.forEach((col, i) => {
        const v = row[i];
        if (typeof v === "string" && needles.some((n) => v.includes(n))) hits.push(`${name}.${col}`);
      });
    }
  }
  const file = process.env.DATABASE_URL!.slice("file:".length);
  for (const f of [file, `${file}-wal`]) {
    if (!existsSync(f)) continue;
    const bytes = readFileSync(f).toString("latin1");
    for (const n of needles) if (bytes.includes(n)) hits.push(`${f} (bytes)`);
  }
  return hits;
}

/** The scan itself works: it finds what the database does hold (the placeholder, a link's hash). */
async function expectScannerSees(linkId: number) {
  const [link] = await db.select({ tokenHash: accessLinks.tokenHash }).from(accessLinks).where(eq(accessLinks.id, linkId));
  expect(await foundInDatabase([PERSONAL_LINK])).toContain("email_messages.html");
  expect(await foundInDatabase([link.tokenHash])).toContain("access_links.token_hash");
}

/** The text part of a mail-drop file (8bit) and its HTML part (base64). */
function readMailDrop(messageId: number): { headers: string; text: string; html: string } {
  const eml = readFileSync(mailDropPath(messageId), "utf8");
  const boundary = /boundary="([^"]+)"/.exec(eml)![1];
  const [headers, textPart, htmlPart] = eml.split(`--${boundary}`);
  const body = (part: string) => part.slice(part.indexOf("\r\n\r\n") + 4).trim();
  return { headers, text: body(textPart), html: Buffer.from(body(htmlPart).replace(/\s+/g, ""), "base64").toString("utf8") };
}

async function sendCourseReports(candidates = 2) {
  const made = await makeCourse({ candidates });
  const run = await startReportRun(made.teacher, { kind: "course", courseId: made.course.id });
  await continueReportRun(made.teacher, run.id, 50);
  const messages = await db.select().from(emailMessages).where(eq(emailMessages.runId, run.id));
  expect(messages).toHaveLength(candidates);
  return { ...made, run, messages };
}

describe("no usable link is ever stored", () => {
  it("a progress report through Resend carries a working link; the log and the whole database hold none of it", async () => {
    const { messages } = await sendCourseReports(2);
    const tokens: string[] = [];
    for (const m of messages) {
      const [got] = receivedBy(m.to);
      const token = tokenIn(got.body.html, "r")!;
      expect(token, "the delivered HTML carries the link").toBeTruthy();
      expect(tokenIn(got.body.text, "r")).toBe(token);
      expect((await resolveAccessLink(token))?.candidateId).toBe(m.candidateId);
      // The logged copy: the placeholder where the token was, and which link it stands for.
      expect(m.html).toContain(`/r/${PERSONAL_LINK}`);
      expect(m.text).toContain(`/r/${PERSONAL_LINK}`);
      expect(m.accessLinkId).toBeTruthy();
      expect(m.status).toBe("sent");
      tokens.push(token);
    }
    await expectScannerSees(messages[0].accessLinkId!);
    expect(await foundInDatabase(tokens)).toEqual([]);
  });

  it("through the outbox the delivered copy goes to the mail drop with its working link; the database holds none", async () => {
    useOutbox();
    const { messages } = await sendCourseReports(2);
    const tokens: string[] = [];
    for (const m of messages) {
      expect(m).toMatchObject({ status: "sent", transport: "outbox", providerId: `outbox-${m.id}` });
      const drop = readMailDrop(m.id);
      expect(drop.headers).toContain(`To: ${m.to}`);
      const token = tokenIn(drop.text, "r")!;
      expect(token, "the mail drop's copy carries the link").toBeTruthy();
      expect(tokenIn(drop.html, "r")).toBe(token);
      expect(drop.text).not.toContain(PERSONAL_LINK);
      expect((await resolveAccessLink(token))?.candidateId).toBe(m.candidateId);
      expect(m.text).toContain(`/r/${PERSONAL_LINK}`);
      tokens.push(token);
    }
    expect(receivedBy(messages[0].to)).toHaveLength(0);
    await expectScannerSees(messages[0].accessLinkId!);
    expect(await foundInDatabase(tokens)).toEqual([]);
  });

  it("a password reset asked for on the sign-in page: the emailed link works, and exists only in the email", async () => {
    const user = await makeUser("counsellor");
    expect(await forgotPasswordAction(null, { email: user.email })).toEqual({ ok: true, data: null });
    const [got] = receivedBy(user.email);
    const token = tokenIn(got.body.html, "reset-password")!;
    expect(token).toBeTruthy();
    expect(await findLiveToken(token, "reset")).toMatchObject({ userId: user.id });
    const [logged] = await db.select().from(emailMessages).where(eq(emailMessages.to, user.email));
    expect(logged.html).toContain(`/reset-password/${PERSONAL_LINK}`);
    expect(logged.userTokenId).toBeTruthy();
    expect(await foundInDatabase([token])).toEqual([]);
    await setPasswordWithToken(token, "reset", "a-new-password-for-me");
    expect(await findLiveToken(token, "reset")).toBeNull();
  });

  it("a staff invitation: the emailed and the shown link both work, neither is stored, and using one spends the other", async () => {
    const admin = await makeUser("admin");
    signInAs(admin);
    const r = await inviteUserAction(null, { fullName: "Ira Invited", email: "ira.invited@school.test", role: "faculty" });
    expect(r).toMatchObject({ ok: true, data: { emailed: "sent" } });
    const shown = tokenIn((r as { data: { link: string } }).data.link, "invite")!;
    const [got] = receivedBy("ira.invited@school.test");
    const emailed = tokenIn(got.body.html, "invite")!;
    expect(emailed).toBeTruthy();
    expect(emailed).not.toBe(shown);
    expect(await findLiveToken(emailed, "invite")).toMatchObject({ email: "ira.invited@school.test" });
    expect(await findLiveToken(shown, "invite")).toMatchObject({ email: "ira.invited@school.test" });
    const [logged] = await db.select().from(emailMessages).where(eq(emailMessages.to, "ira.invited@school.test"));
    expect(logged.text).toContain(`/invite/${PERSONAL_LINK}`);
    expect(await foundInDatabase([emailed, shown])).toEqual([]);
    await setPasswordWithToken(emailed, "invite", "ira-password-123");
    expect(await findLiveToken(shown, "invite")).toBeNull();
    signInAs(null);
  });

  it("each try mints a new token (a failed one was never delivered); a link revoked before delivery is not sent", async () => {
    fake.fail(1);
    const { messages } = await sendCourseReports(2);
    const [failed, sent] = [...messages].sort((a, b) => (a.status === "failed" ? -1 : b.status === "failed" ? 1 : 0));
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(sent.status).toBe("sent");
    const hashBefore = (await db.select().from(accessLinks).where(eq(accessLinks.id, failed.accessLinkId!)))[0].tokenHash;
    await db
      .update(emailMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 1) })
      .where(eq(emailMessages.id, failed.id));
    expect((await deliverDue()).sent).toBe(1);
    const token = tokenIn(receivedBy(failed.to)[0].body.html, "r")!;
    expect((await resolveAccessLink(token))?.candidateId).toBe(failed.candidateId);
    const hashAfter = (await db.select().from(accessLinks).where(eq(accessLinks.id, failed.accessLinkId!)))[0].tokenHash;
    expect(hashAfter).not.toBe(hashBefore);

    // Revoked while the provider was failing: the retry sends nothing and says why.
    fake.fail(1);
    const again = await sendCourseReports(1);
    const [m] = again.messages;
    expect(m.status).toBe("failed");
    await revokeAccessLink(again.teacher, m.accessLinkId!);
    const before = fake.received.length;
    expect(await retryEmail(SYSTEM, m.id)).toBe("failed");
    expect(fake.received.length).toBe(before);
    const [after] = await db.select().from(emailMessages).where(eq(emailMessages.id, m.id));
    expect(after).toMatchObject({ status: "failed", error: LINK_GONE, nextAttemptAt: null });
  });

  it("the log never takes a token: one slipped into a body is replaced, and a placeholder must name its link", async () => {
    const { candidates } = await makeCourse({ candidates: 1 });
    const link = await issueAccessLink(db, SYSTEM, { candidateId: candidates[0].id, recipient: "slip@home.test" });
    const html = `<a href="http://localhost:3000/r/${link.token}">results</a>`;
    const id = await queueEmail(db, {
      to: "slip@home.test",
      template: "progress-report",
      subject: "Slip",
      html,
      text: `http://localhost:3000/r/${link.token}`,
      candidateId: candidates[0].id,
      accessLinkId: link.id,
    });
    const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id!));
    expect(row.html).toBe(`<a href="http://localhost:3000/r/${PERSONAL_LINK}">results</a>`);
    expect(await foundInDatabase([link.token])).toEqual([]);
    await expect(
      queueEmail(db, { to: "x@home.test", template: "progress-report", subject: "No link", html, text: "", candidateId: candidates[0].id }),
    ).rejects.toThrow(/accessLinkId/);
  });

  it("the subject-access export holds no token and no token hash", async () => {
    const { messages } = await sendCourseReports(1);
    const [m] = messages;
    const token = tokenIn(receivedBy(m.to)[0].body.html, "r")!;
    expect((await resolveAccessLink(token))?.candidateId).toBe(m.candidateId);
    const admin = await makeUser("admin");
    const { data } = await exportCandidateData(admin, m.candidateId!);
    const json = JSON.stringify(data);
    const hashes = (await db.select({ h: accessLinks.tokenHash }).from(accessLinks).where(eq(accessLinks.candidateId, m.candidateId!))).map((r) => r.h);
    expect(hashes.length).toBeGreaterThan(0);
    // The email and the link are in the export, described; nothing in it opens the result page.
    expect(data.emails.map((e) => e.text).join("\n")).toContain(`/r/${PERSONAL_LINK}`);
    expect(data.resultLinks).toHaveLength(1);
    expect(json).not.toContain(token);
    for (const h of hashes) expect(json).not.toContain(h);
  });

  it("the migrator redacts messages logged with tokens by an older Markbook, ties them to their links, and leaves none of their bytes", async () => {
    const { candidates } = await makeCourse({ candidates: 1 });
    const c = candidates[0];
    const admin = await makeUser("admin");
    const staff = await makeUser("faculty");
    const link = await issueAccessLink(db, SYSTEM, { candidateId: c.id, recipient: "old.parent@home.test" });
    const { token: resetToken } = await issuePasswordReset(admin, staff.id);
    const [resetRow] = await db
      .select()
      .from(userTokens)
      .where(eq(userTokens.tokenHash, hashToken(resetToken)));
    // As an older version logged them: the real templates rendered with the full link, one failed, one sent.
    const oldReport = await renderEmail("progress-report", { ...ProgressReport.PreviewProps, link: `http://localhost:3000/r/${link.token}` });
    const oldReset = await renderEmail("password-reset", { ...PasswordReset.PreviewProps, link: `http://localhost:3000/reset-password/${resetToken}` });
    const now = Date.now();
    const insert =
      "insert into email_messages (`to`, template, subject, html, text, candidate_id, user_id, status, transport, attempts, next_attempt_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'resend', 1, ?, ?, ?) returning id";
    const report = await client.execute({
      sql: insert,
      args: ["old.parent@home.test", "progress-report", oldReport.subject, oldReport.html, oldReport.text, c.id, null, "failed", now - 1, now, now],
    });
    const reset = await client.execute({
      sql: insert,
      args: [staff.email, "password-reset", oldReset.subject, oldReset.html, oldReset.text, null, staff.id, "sent", null, now, now],
    });
    const reportId = Number(report.rows[0].id);
    const resetId = Number(reset.rows[0].id);
    expect(await foundInDatabase([link.token])).not.toEqual([]);

    // This database was upgraded before the data step existed: it runs with the migrations.
    await client.execute("delete from job_runs where name = 'data-migration'");
    await runMigrations(client);
    const rows = await db
      .select()
      .from(emailMessages)
      .where(inArray(emailMessages.id, [reportId, resetId]))
      .orderBy(emailMessages.id);
    expect(rows[0]).toMatchObject({
      html: oldReport.html.replaceAll(link.token, PERSONAL_LINK),
      text: oldReport.text.replaceAll(link.token, PERSONAL_LINK),
      accessLinkId: link.id,
    });
    expect(rows[1]).toMatchObject({
      html: oldReset.html.replaceAll(resetToken, PERSONAL_LINK),
      text: oldReset.text.replaceAll(resetToken, PERSONAL_LINK),
      userTokenId: resetRow.id,
    });
    expect(rows[0].text).toContain(`/r/${PERSONAL_LINK}`);
    expect(await foundInDatabase([link.token, resetToken])).toEqual([]);
    // Whoever received those links still has them working; only the log's copy is gone.
    expect(await resolveAccessLink(link.token)).not.toBeNull();
    expect(await findLiveToken(resetToken, "reset")).not.toBeNull();
    // Once per database.
    expect(await redactLoggedTokens(client)).toBe(0);

    // The failed report is retried with a freshly minted link (its old token was never delivered).
    expect(await retryEmail(admin, reportId)).toBe("sent");
    const fresh = tokenIn(receivedBy("old.parent@home.test")[0].body.html, "r")!;
    expect(fresh).not.toBe(link.token);
    expect((await resolveAccessLink(fresh))?.candidateId).toBe(c.id);
    expect(await foundInDatabase([fresh])).toEqual([]);
  });

  it("a candidate's and a lead's emails are listed only to those who may see them", async () => {
    const { messages, teacher } = await sendCourseReports(1);
    const candidateId = messages[0].candidateId!;
    const stranger = await makeUser("faculty");
    const admin = await makeUser("admin");
    expect(await emailsAbout(admin, { candidateId })).toHaveLength(1);
    expect(await emailsAbout(teacher, { candidateId })).toHaveLength(1);
    expect(await emailsAbout(stranger, { candidateId })).toEqual([]);

    const counsellor = await makeUser("counsellor");
    const lead = await createLead(counsellor, {
      studentName: "Lead With Mail",
      email: "lead.mail@home.test",
      phone: "+91 98888 00044",
      programOfInterest: "MBA",
      source: "Walk-in",
      status: "New",
    });
    await queueEmail(db, {
      to: "lead.mail@home.test",
      template: "follow-up-reminder",
      subject: "About your enquiry",
      html: "<p>Hello</p>",
      text: "Hello",
      leadId: lead.id,
    });
    expect(await emailsAbout(counsellor, { leadId: lead.id })).toHaveLength(1);
    await expect(emailsAbout(stranger, { leadId: lead.id })).rejects.toThrow(/permission/);
  });
});
