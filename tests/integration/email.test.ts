import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { accessLinks, emailMessages, guardians, reportRuns } from "@/db/schema";
import { SYSTEM } from "@/lib/actor";
import { env } from "@/lib/env";
import { deliverDue, deliverEmail, MAX_ATTEMPTS } from "@/db/queries/emails";
import { continueReportRun, startReportRun } from "@/db/queries/reports";
import { resolveAccessLink, revokeAccessLink } from "@/db/queries/access-links";
import { followUpReminders } from "@/db/queries/jobs";
import { createLead } from "@/db/queries/leads";
import { saveMark } from "@/db/queries/marks";
import { sendEmail } from "@/lib/email";
import { SAMPLE_BRANDING } from "@/emails/components/layout";
import { PERSONAL_LINK } from "@/lib/email/personal-link";
import { addWorkedExample, makeCourse } from "../support/academy";
import { makeUser } from "../support/factories";
import { startFakeResend } from "../support/fake-resend";

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

const tokenOf = (html: string) => /\/r\/([A-Za-z0-9_-]+)/.exec(html)?.[1];
/** The result-link token in what the provider received for this recipient (the log keeps none). */
const deliveredToken = (to: string) => tokenOf([...fake.received].reverse().find((r) => r.body.to === to)?.body.html ?? "");

describe("sending through the real Resend SDK", () => {
  it("delivers the expected recipient, subject and rendered HTML, and logs it first", async () => {
    const before = fake.received.length;
    const r = await sendEmail(
      "staff-invitation",
      {
        branding: SAMPLE_BRANDING,
        name: "Nikhil Rao",
        inviterName: "Asha Menon",
        roleLabel: "Faculty",
        link: "http://localhost:3000/invite/abc",
        expiresDays: 7,
      },
      { to: "nikhil@school.test" },
    );
    expect(r.status).toBe("sent");
    const got = fake.received[before];
    expect(got.path).toBe("/emails");
    expect(got.auth).toBe("Bearer re_test_key");
    expect(got.body.to).toBe("nikhil@school.test");
    expect(got.body.subject).toBe(`You're invited to Markbook at ${SAMPLE_BRANDING.name}`);
    expect(got.body.html).toContain("Set my password");
    expect(got.body.html).toContain("http://localhost:3000/invite/abc");
    expect(got.body.text).toContain("Nikhil Rao");
    const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, r.id!));
    expect(row).toMatchObject({ status: "sent", transport: "resend", providerId: `re_${before + 1}`, attempts: 1 });
  });

  it("keeps a message the provider refused as failed, retries it with backoff, and never loses it", async () => {
    fake.fail(2);
    const r = await sendEmail(
      "password-reset",
      { branding: SAMPLE_BRANDING, name: "Asha", link: "http://x/reset-password/t", expiresHours: 24 },
      { to: "asha@school.test" },
    );
    expect(r.status).toBe("failed");
    let [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, r.id!));
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.error).toContain("Provider is having a bad day");
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // Not due yet: the job leaves it alone.
    expect((await deliverDue()).sent).toBe(0);
    // Due: retried, fails again, waits twice as long.
    await db
      .update(emailMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 1) })
      .where(eq(emailMessages.id, r.id!));
    await deliverDue();
    [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, r.id!));
    expect(row).toMatchObject({ status: "failed", attempts: 2 });
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 110_000);
    await db
      .update(emailMessages)
      .set({ nextAttemptAt: new Date(Date.now() - 1) })
      .where(eq(emailMessages.id, r.id!));
    expect((await deliverDue()).sent).toBe(1);
    [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, r.id!));
    expect(row).toMatchObject({ status: "sent", attempts: 3, error: null });
  });

  it("stops retrying after the last attempt but keeps the message", async () => {
    fake.fail(MAX_ATTEMPTS);
    const r = await sendEmail("password-reset", { branding: SAMPLE_BRANDING, name: "B", link: "http://x/r", expiresHours: 24 }, { to: "b@school.test" });
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await db
        .update(emailMessages)
        .set({ nextAttemptAt: new Date(Date.now() - 1) })
        .where(eq(emailMessages.id, r.id!));
      await deliverDue();
    }
    const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, r.id!));
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(await deliverEmail(r.id!)).toBe("failed");
  });
});

describe("progress reports and result links", () => {
  it("sends each report exactly once even when a run is interrupted and resumed", async () => {
    const { teacher, course, candidates } = await makeCourse({ candidates: 5 });
    const { quiz } = await addWorkedExample(course.id);
    for (const c of candidates) await saveMark(teacher, { assessmentId: quiz.id, candidateId: c.id, score: 15, status: "graded", expectedVersion: null });
    const before = fake.received.length;
    const run = await startReportRun(teacher, { kind: "course", courseId: course.id });
    expect(run.total).toBe(5);
    // A first batch of two, then the worker "dies"; the run stays resumable.
    const first = await continueReportRun(teacher, run.id, 2);
    expect(first).toMatchObject({ queued: 2, done: false });
    // Two resumes racing, and one more after it finished: still five messages.
    await Promise.all([continueReportRun(teacher, run.id, 10), continueReportRun(teacher, run.id, 10)]);
    const last = await continueReportRun(teacher, run.id, 10);
    expect(last).toMatchObject({ queued: 5, total: 5, done: true });
    const msgs = await db.select().from(emailMessages).where(eq(emailMessages.runId, run.id));
    expect(msgs).toHaveLength(5);
    expect(new Set(msgs.map((m) => m.to)).size).toBe(5);
    expect(fake.received.length - before).toBe(5);
    const [r] = await db.select().from(reportRuns).where(eq(reportRuns.id, run.id));
    expect(r.status).toBe("done");
    // Each delivered message carries a personal link that opens its own candidate only; the log keeps only the placeholder.
    for (const m of msgs) {
      const token = deliveredToken(m.to)!;
      const link = await resolveAccessLink(token);
      expect(link?.candidateId).toBe(m.candidateId);
      expect(link?.linkId).toBe(m.accessLinkId);
      expect(tokenOf(m.html)).toBe(PERSONAL_LINK);
    }
    // One link per message: a racing resume's spare links were not kept.
    expect(
      await db
        .select()
        .from(accessLinks)
        .where(
          inArray(
            accessLinks.candidateId,
            candidates.map((c) => c.id),
          ),
        ),
    ).toHaveLength(5);
  });

  it("finishes a run whose plan shrank since it began (a recipient removed mid-run)", async () => {
    const { teacher, course, candidates } = await makeCourse({ candidates: 3 });
    const run = await startReportRun(teacher, { kind: "course", courseId: course.id });
    expect(run.total).toBe(3);
    await continueReportRun(teacher, run.id, 1);
    // The last candidate's only guardian is gone (erased, or removed by an admin).
    await db.delete(guardians).where(eq(guardians.candidateId, candidates[2].id));
    await continueReportRun(teacher, run.id, 10);
    const last = await continueReportRun(teacher, run.id, 10);
    expect(last).toMatchObject({ queued: 2, total: 3, done: true });
    const [r] = await db.select().from(reportRuns).where(eq(reportRuns.id, run.id));
    expect(r.status).toBe("done");
  });

  it("treats unknown, expired and revoked tokens alike, and counts uses", async () => {
    const { teacher, course } = await makeCourse({ candidates: 1 });
    const run = await startReportRun(teacher, { kind: "course", courseId: course.id });
    await continueReportRun(teacher, run.id);
    const [msg] = await db.select().from(emailMessages).where(eq(emailMessages.runId, run.id));
    const token = deliveredToken(msg.to)!;
    expect(token.length).toBeGreaterThanOrEqual(43);
    const ok = await resolveAccessLink(token);
    expect(ok).not.toBeNull();
    await resolveAccessLink(token);
    const [link] = await db.select().from(accessLinks).where(eq(accessLinks.id, ok!.linkId));
    expect(link.uses).toBe(2);
    expect(link.tokenHash).not.toContain(token);
    expect(await resolveAccessLink("x".repeat(43))).toBeNull();
    await db
      .update(accessLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accessLinks.id, link.id));
    expect(await resolveAccessLink(token)).toBeNull();
    await db
      .update(accessLinks)
      .set({ expiresAt: new Date(Date.now() + 86_400_000) })
      .where(eq(accessLinks.id, link.id));
    expect(await resolveAccessLink(token)).not.toBeNull();
    await revokeAccessLink(teacher, link.id);
    expect(await resolveAccessLink(token)).toBeNull();
  });

  it("refuses faculty a course they do not teach, and whole terms", async () => {
    const { course, term } = await makeCourse({ candidates: 1 });
    const stranger = await makeUser("faculty");
    await expect(startReportRun(stranger, { kind: "course", courseId: course.id })).rejects.toThrow(/do not teach/);
    await expect(startReportRun(stranger, { kind: "term", termId: term.id })).rejects.toThrow(/Only an admin/);
  });
});

describe("scheduled jobs", () => {
  it("sends follow-up reminders once per day", async () => {
    const c = await makeUser("counsellor");
    const today = new Date().toISOString().slice(0, 10);
    await createLead(c, {
      studentName: "Due Today",
      email: "due@mail.test",
      phone: "+91 99999 00001",
      programOfInterest: "MBA",
      source: "Walk-in",
      status: "New",
      followUpOn: today,
    });
    const first = await followUpReminders();
    expect(first).toMatchObject({ period: today });
    expect((first as { emails: number }).emails).toBeGreaterThanOrEqual(1);
    const again = await followUpReminders();
    expect(again).toEqual({ skipped: true, period: today });
    const mine = await db.select().from(emailMessages).where(eq(emailMessages.to, c.email));
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toContain("1 due today");
    expect(SYSTEM.role).toBe("admin");
  });
});
