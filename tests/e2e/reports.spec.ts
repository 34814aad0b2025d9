import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "./fixtures/test";
import { GradebookPage } from "./pages/gradebook";

// The seeded server's mail drop (scripts/e2e-server.ts: beside its database, one per port).
const MAIL_DROP = join(process.cwd(), "data", `e2e-seeded-${Number(process.env.E2E_PORT || 3100) + 1}.db.outbox`);

test.use({ role: "faculty" });

test("a faculty member sends a progress report; the emailed link shows the gradebook's figures to someone signed out, and stops after revocation", async ({
  page,
  browser,
  pageAs,
}) => {
  await page.goto("/candidates?q=Wx%20Report");
  await page.getByRole("link", { name: "Wx Report" }).click();
  await page.getByRole("button", { name: "Send progress report" }).click();
  await expect(page.getByText(/Reports sent: 2/)).toBeVisible();

  // What the gradebook says.
  const gb = new GradebookPage(page);
  await gb.open("WX101");
  const gbPercent = await gb.percent("Wx Report").textContent();
  const gbGrade = await gb.grade("Wx Report").textContent();
  expect(gbPercent).toBe("72.8%");
  expect(gbGrade).toBe("B");

  // The admin reads the message in the Email log: the personal link is redacted there.
  const admin = await pageAs("admin");
  await admin.goto("/admin/outbox?q=parent.wx8@family.test");
  await admin
    .getByTestId("emails-table")
    .getByRole("link", { name: /Wx Report: progress report/ })
    .first()
    .click();
  await expect(admin.getByTestId("message-to")).toHaveText("parent.wx8@family.test");
  const messageId = Number(/\/admin\/outbox\/(\d+)/.exec(admin.url())?.[1]);
  await expect(admin.getByTestId("personal-link-note")).toContainText("Personal links are not kept");
  await expect(admin.getByTestId("personal-link-note")).toContainText(`message-${messageId}.eml`);
  await admin.getByRole("tab", { name: "Plain text" }).click();
  const logged = (await admin.getByTestId("message-text").textContent()) ?? "";
  expect(logged).toContain("Good work on vectors.");
  expect(logged).toMatch(/http:\/\/localhost:\d+\/r\/__personal_link__/);
  expect(logged, "the log holds no usable link").not.toMatch(/\/r\/[A-Za-z0-9_-]{43}/);
  await admin.context().close();

  // The parent's mailbox: the delivered copy in this server's mail drop carries the working link.
  const delivered = readFileSync(join(MAIL_DROP, `message-${messageId}.eml`), "utf8");
  expect(delivered).toContain("To: parent.wx8@family.test");
  expect(delivered).toContain("Good work on vectors.");
  const link = /http:\/\/localhost:\d+\/r\/[A-Za-z0-9_-]{43}/.exec(delivered)?.[0];
  expect(link, "the delivered email carries a result link").toBeTruthy();

  // A parent, not signed in, opens it.
  const parentCtx = await browser.newContext();
  const parent = await parentCtx.newPage();
  const res = await parent.goto(link!);
  expect(res?.status()).toBe(200);
  const headers = res!.headers();
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toContain("noindex");
  await expect(parent.getByTestId("result-candidate")).toHaveText("Wx Report");
  const course = parent.getByTestId("result-course-WX101");
  await expect(course.getByTestId("result-percent")).toHaveText(gbPercent!);
  await expect(course.getByTestId("result-grade")).toHaveText(gbGrade!);
  // Only this candidate: no one else's name appears.
  for (const other of ["Wx Keyboard", "Wx Conflict", "Wx Paste A"]) await expect(parent.getByText(other)).toHaveCount(0);
  // A guessed token gets the plain page.
  await parent.goto(link!.slice(0, -3) + (link!.endsWith("aaa") ? "bbb" : "aaa"));
  await expect(parent.getByTestId("link-invalid")).toBeVisible();

  // Revoked from the candidate page: the same link now gets the same plain page.
  await page.goto("/candidates?q=Wx%20Report");
  await page.getByRole("link", { name: "Wx Report" }).click();
  const links = page.getByTestId("access-links");
  await links.getByRole("listitem").filter({ hasText: "parent.wx8@family.test" }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(links.getByRole("listitem").filter({ hasText: "parent.wx8@family.test" })).toContainText("revoked");
  const after = await parent.goto(link!);
  expect(after?.headers()["cache-control"]).toContain("no-store");
  await expect(parent.getByTestId("link-invalid")).toHaveText(/This link is no longer valid/);
  await parentCtx.close();
});
