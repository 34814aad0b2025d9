import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "./fixtures/test";

// The seeded server's mail drop (scripts/e2e-server.ts: beside its database, one per port).
const MAIL_DROP = join(process.cwd(), "data", `e2e-seeded-${Number(process.env.E2E_PORT || 3100) + 1}.db.outbox`);

/** The newest delivered copy addressed to `to`, as the recipient's mailbox would hold it. */
function deliveredTo(to: string): string {
  const files = readdirSync(MAIL_DROP)
    .filter((f) => /^message-\d+\.eml$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(b)![0]) - Number(/\d+/.exec(a)![0]));
  for (const f of files) {
    const eml = readFileSync(join(MAIL_DROP, f), "utf8");
    if (eml.includes(`To: ${to}`)) return eml;
  }
  throw new Error(`No delivered message to ${to} in ${MAIL_DROP}`);
}

test.use({ role: "faculty" });

test("a guardian opens the emailed link; the candidate page shows it opened and the run has one fewer to resend to", async ({ page, browser, ownCourse }) => {
  const course = await ownCourse(["Receipt One", "Receipt Two"]);
  const [one] = course.candidates;
  const guardian = `parent.${one.number.toLowerCase()}@family.test`;

  // Reports for the course: each candidate and each guardian gets a personal link (four recipients).
  await page.goto(`/reports?courseId=${course.id}`);
  await page.getByRole("button", { name: "Send progress reports" }).click();
  await expect(page.getByText("Reports sent: 4")).toBeVisible();
  await page.getByTestId("report-runs").getByRole("link", { name: course.code }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(course.code);
  const runUrl = page.url();
  await expect(page.getByTestId("receipts-recipients")).toHaveText("4");
  await expect(page.getByTestId("receipts-opened")).toHaveText("0");
  await expect(page.getByTestId("receipts-unopened")).toHaveText("4");
  const table = page.getByTestId("receipts-table");
  await expect(table.getByRole("row").filter({ hasText: guardian })).toContainText("Not opened yet");
  await expect(page.getByTestId("pagination-summary")).toHaveText("Showing 1–4 of 4");

  // Before the guardian opens it, the candidate page says so.
  await page.goto(`/candidates/${one.id}`);
  const link = page.getByTestId("access-links").getByRole("listitem").filter({ hasText: guardian });
  await expect(link.getByTestId("link-receipt")).toHaveText("Not opened yet");
  await expect(link).toContainText(/Sent \d{2}-\d{2}-\d{4} \d{2}:\d{2}/);

  // The guardian, signed out, opens the link from their email.
  const url = /http:\/\/localhost:\d+\/r\/[A-Za-z0-9_-]{43}/.exec(deliveredTo(guardian))?.[0];
  expect(url, "the delivered email carries a result link").toBeTruthy();
  // A browser of their own, with no staff session (Playwright would otherwise lend it the test's
  // signed-in state, and a signed-in staff member's view is not counted as the guardian's).
  const guardianCtx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const guardianPage = await guardianCtx.newPage();
  const res = await guardianPage.goto(url!);
  expect(res?.status()).toBe(200);
  await expect(guardianPage.getByTestId("result-candidate")).toHaveText(one.fullName);
  await guardianCtx.close();

  // Staff see it opened: when first, and once.
  await page.reload();
  await expect(link.getByTestId("link-opens")).toHaveText("1");
  await expect(link.getByTestId("link-first-opened")).toHaveText(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
  await expect(link.getByTestId("link-receipt")).toHaveText(/^Opened 1 time · first /);

  // The run: one opened, three still to open, and the guardian is off the "not opened" list.
  await page.goto(runUrl);
  await expect(page.getByTestId("receipts-opened")).toHaveText("1");
  await expect(page.getByTestId("receipts-unopened")).toHaveText("3");
  await expect(table.getByRole("row").filter({ hasText: guardian })).toHaveCount(0);
  await expect(page.getByTestId("pagination-summary")).toHaveText("Showing 1–3 of 3");
  await page.getByLabel("Show").selectOption("opened");
  await expect(table.getByRole("row").filter({ hasText: guardian }).getByTestId("receipt-opened")).toContainText("1 time");
  await page.getByLabel("Show").selectOption("");

  // Resend to just those three: it asks first, naming the count, then sends once.
  await page.getByRole("button", { name: "Resend to the 3 who have not opened" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading")).toHaveText("Resend to 3 recipients?");
  await dialog.getByRole("button", { name: "Resend to 3" }).click();
  await expect(page.getByText("Resent to 3 recipients")).toBeVisible();
  await expect(page.getByTestId("recently-resent")).toContainText("3 recipients were resent");
  await expect(page.getByRole("button", { name: /Resend to the/ })).toHaveCount(0);
  await expect(table.getByRole("row").filter({ hasText: "resent" })).toHaveCount(3);
  await expect(page.getByTestId("receipts-unopened")).toHaveText("3");
});
