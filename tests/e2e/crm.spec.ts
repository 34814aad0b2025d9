import { expect, test } from "./fixtures/test";
import { signIn } from "./support/auth";
import { E2E } from "./fixtures/facts";
import { InstitutionsPage } from "./pages/institutions";
import { LeadForm } from "./pages/lead-form";

test.describe("as an admin", () => {
  test.use({ role: "admin" });

  test("TC-04: an admin creates an institution and it is listed", async ({ page }) => {
    const name = `CJ University ${Date.now()}`;
    await page.goto("/dashboard");
    const institutions = new InstitutionsPage(page);
    await institutions.openFromNav();
    await institutions.openNewDialog();
    await institutions.submit();
    await expect(institutions.dialog.locator("#name-error")).toHaveText("Enter the institution's name");
    await institutions.fill({ name, city: "Udaipur", state: "Rajasthan", email: "cjuni@school.com", phone: "8899456782" });
    await institutions.submit();
    await expect(institutions.dialog).toBeHidden();
    await institutions.search("CJ University");
    await expect(institutions.row(name)).toContainText("Udaipur");
  });

  test("the search box (Ctrl+K) finds records the role may open", async ({ page }) => {
    await page.goto("/dashboard");
    await page.keyboard.press("Control+k");
    await page.getByRole("combobox", { name: /Search candidates/ }).fill("Wx Key");
    await expect(page.getByTestId("search-results")).toContainText("Wx Keyboard");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Wx Keyboard" })).toBeVisible();
  });
});

test.describe("as a counsellor", () => {
  test.use({ role: "counsellor" });

  test("TC-06: a counsellor creates a lead linked only to a contact, and it takes the contact's institution", async ({ page }) => {
    // A contact at a known institution, made here.
    const inst = `Riverside School ${Date.now()}`;
    const institutions = new InstitutionsPage(page);
    await institutions.goto();
    await institutions.create({ name: inst });
    await page.goto("/contacts");
    await page.getByRole("button", { name: "New contact" }).click();
    const d = page.getByRole("dialog");
    await d.getByLabel("Full name").fill("Kiran Joshi");
    await d.getByRole("combobox", { name: "Institution" }).fill(inst.slice(0, 14));
    await d.getByRole("option", { name: new RegExp(inst) }).click();
    await d.getByRole("button", { name: "Create contact" }).click();
    await expect(d).toBeHidden();

    await new LeadForm(page).create({
      studentName: "Rahul Tc Six",
      email: `rahul.tc6.${Date.now()}@mail.test`,
      phone: `+91 7${Date.now().toString().slice(-9)}`,
      program: "AI",
      source: "School counsellor referral",
      contact: { type: "Kiran Jo", pick: /Kiran Joshi/ },
    });
    await expect(page.getByTestId("lead-institution")).toHaveText(inst);
  });

  test("a lead is converted to a candidate, an interaction is logged, and the follow-up stops being new once opened", async ({ page }) => {
    const name = `Convert Me ${Date.now()}`;
    const today = new Date().toISOString().slice(0, 10);
    await new LeadForm(page).create({
      studentName: name,
      email: `convert.${Date.now()}@mail.test`,
      phone: `+91 6${Date.now().toString().slice(-9)}`,
      program: "B.Sc Computer Science",
      source: "Website form",
      followUp: today,
    });
    const leadUrl = page.url();

    // The timeline.
    await page.getByLabel("Type").first().selectOption("call");
    await page.getByLabel("Content").fill("Called; wants to join next semester.");
    await page.getByRole("button", { name: "Add interaction" }).click();
    await expect(page.getByTestId("timeline")).toContainText("Called; wants to join next semester.");
    await expect(page.getByTestId("timeline")).toContainText("Call");

    // Convert.
    await page.getByRole("combobox", { name: "Status" }).selectOption("Converted");
    await expect(page.getByTestId("lead-status")).toHaveText("Converted");
    await page.getByRole("button", { name: "Convert to candidate" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Convert to candidate" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page).toHaveURL(/\/candidates\/\d+/);
    await page.goto(leadUrl);
    await expect(page.getByTestId("lead-candidate")).toContainText(name);
  });

  test("the 'new' follow-up count drops after opening the follow-up", async ({ page }) => {
    await page.goto("/dashboard");
    const badge = page.getByTestId("nav-badge-followups");
    const before = Number((await badge.textContent())?.replace(/\D/g, "") || "0");
    expect(before).toBeGreaterThan(0);
    await page.goto("/leads?owner=me&followUp=week&sort=followUp");
    await page.getByTestId("leads-table").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(async () => {
      // The badge disappears when nothing is new any more.
      const shown = page.getByTestId("nav-badge-followups");
      const after = (await shown.count()) ? Number((await shown.textContent())?.replace(/\D/g, "") || "0") : 0;
      expect(after).toBe(before - 1);
    }).toPass({ timeout: 10_000 });
  });

  test("a counsellor can neither open nor change marks", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: "Courses" })).toHaveCount(0);
    const res = await page.goto("/courses");
    expect(res?.status()).toBe(403);
    const gb = await page.goto("/courses/1/gradebook");
    expect(gb?.status()).toBe(403);
    // A candidate's page shows no results to a counsellor.
    await page.goto("/candidates?q=Wx%20Keyboard");
    await page.getByRole("link", { name: "Wx Keyboard" }).click();
    await expect(page.getByRole("heading", { name: "Wx Keyboard" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Results" })).toHaveCount(0);
  });
});

test.describe("as a faculty member", () => {
  test.use({ role: "faculty" });

  test("TC-07: a task created by faculty is completed and shows as done on the dashboard", async ({ page }) => {
    const title = `Attendance shortage warning ${Date.now()}`;
    await page.goto("/dashboard");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: /^Tasks/ })
      .click();
    await page.getByRole("button", { name: "New task" }).click();
    const d = page.getByRole("dialog");
    await d.getByLabel("Title").fill(title);
    await d.getByLabel("Due (optional)").fill("2030-09-19T16:00");
    await d.getByRole("button", { name: "Create task" }).click();
    await expect(d).toBeHidden();
    await page.getByRole("searchbox", { name: /Search/ }).fill(title);
    const row = page.getByTestId("tasks-table").getByRole("row", { name: new RegExp(title) });
    await expect(row).toContainText("Open");
    await row.getByRole("button", { name: `Complete ${title}` }).click();
    await expect(row).toContainText("Done");
    await page.goto("/dashboard");
    await expect(page.getByTestId("recent-activity")).toContainText(`complete task: ${title}`);
  });

  test("a faculty member cannot open leads", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByRole("link", { name: "Leads" })).toHaveCount(0);
    const res = await page.goto("/leads");
    expect(res?.status()).toBe(403);
    const one = await page.goto("/leads/1");
    expect(one?.status()).toBe(403);
  });
});

test("opening the task list clears the 'new' tasks badge at once, and the page keeps its title", async ({ browser, baseURL }) => {
  // A counsellor of this test's own, with two tasks nobody has opened (fixtures/seed.ts).
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, E2E.watcher.email);
  await expect(page.getByTestId("nav-badge-tasks").first()).toHaveText(/^2\s*new$/);
  await page
    .getByRole("link", { name: /^Tasks/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Tasks" })).toBeVisible();
  await expect(page.locator("[data-settling]")).toHaveCount(0);
  await expect(page.getByTestId("nav-badge-tasks")).toHaveCount(0);
  await expect(page).toHaveTitle("Tasks · Markbook");
  // Seen on the server too: the badge does not come back on the next page.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByTestId("nav-badge-tasks")).toHaveCount(0);
  await context.close();
});
