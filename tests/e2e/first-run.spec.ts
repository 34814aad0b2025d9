import { expect, test } from "@playwright/test";
import { seriousViolations } from "./support/axe";

// Runs against a server whose database has no admin yet.
test.describe.configure({ mode: "serial" });

test("TC-02: the setup form with empty fields shows errors beside the fields and creates no one", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/setup$/);
  // The setup page exists only until its admin is made, so its accessibility is checked here,
  // blank and with its errors shown, rather than in a11y.spec.ts (which may run after it is gone).
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(await seriousViolations(page), "setup page, blank").toEqual([]);
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByTestId("form-error")).toBeVisible();
  expect(await seriousViolations(page), "setup page with its errors").toEqual([]);
  await expect(page.locator("#fullName-error")).toHaveText("Enter your full name");
  await expect(page.locator("#email-error")).toHaveText("Enter your email");
  await expect(page.locator("#password-error")).toContainText("at least 10 characters");
  await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  // Still on setup: no admin was created, so sign-in keeps sending people here.
  await page.goto("/sign-in");
  await expect(page).toHaveURL(/\/setup$/);
});

test("first-run setup creates the admin, keeps typed values on error, and then disappears", async ({ page, browser }) => {
  await page.goto("/setup");
  await page.getByLabel("Full name").fill("Meera Iyer");
  await page.getByLabel("Email").fill("meera@college.test");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Confirm password").fill("short");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.locator("#password-error")).toContainText("at least 10 characters");
  await expect(page.getByLabel("Full name")).toHaveValue("Meera Iyer");
  await expect(page.getByLabel("Email")).toHaveValue("meera@college.test");

  await page.getByLabel("Password", { exact: true }).fill("a-long-first-password");
  await page.getByLabel("Confirm password").fill("a-long-first-password");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId("user-name")).toHaveText("Meera Iyer");

  // Setup is gone for everyone now.
  const other = await browser.newContext();
  const anon = await other.newPage();
  const res = await anon.goto("/setup");
  expect(res?.status()).toBe(404);
  await other.close();

  // Sign out, then sign in again with the new account.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill("MEERA@college.test");
  await page.getByLabel("Password").fill("a-long-first-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
});
