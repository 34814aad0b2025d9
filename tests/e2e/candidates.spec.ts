import { expect, test } from "./fixtures/test";

test.describe("as a faculty member", () => {
  test.use({ role: "faculty" });

  test("TC-05: a faculty member adds a candidate as their own advisee, who appears in My students", async ({ page }) => {
    const name = `Tc Five ${Date.now()}`;
    await page.goto("/dashboard");
    await page.getByRole("link", { name: "My students" }).click();
    await page.getByRole("link", { name: "Add candidate" }).click();
    await expect(page.getByTestId("advisor-fixed")).toHaveText("Rahul Verma (you)");
    // Errors beside the fields, and what was typed is kept.
    await page.locator("#email").fill("not-an-email");
    await page.getByRole("button", { name: "Create candidate" }).click();
    await expect(page.locator("#fullName-error")).toHaveText("Enter the candidate's full name");
    await expect(page.locator("#email-error")).toHaveText("Enter a valid email address");
    await expect(page.locator("#email")).toHaveValue("not-an-email");
    await page.getByLabel("Full name").fill(name);
    await page.locator("#email").fill("tc05@students.test");
    await page.getByTestId("guardian-0").getByLabel("Name").fill("Guardian Of Tc");
    await page.getByTestId("guardian-0").getByLabel("Email").fill("guardian.tc05@family.test");
    await page.getByRole("button", { name: "Create candidate" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByText("Advisor: Rahul Verma")).toBeVisible();
    await expect(page.getByTestId("guardians")).toContainText("Guardian Of Tc");
    await page.getByRole("link", { name: "My students" }).click();
    await page.getByRole("searchbox", { name: /Search/ }).fill(name);
    await expect(page.getByTestId("candidates-table").getByRole("link", { name })).toBeVisible();
  });
});

test.describe("as an admin", () => {
  test.use({ role: "admin" });

  test("the candidate list searches, filters and sorts on the server, with the state in the URL", async ({ page }) => {
    await page.goto("/candidates");
    await expect(page.getByTestId("pagination-summary")).toContainText(/of 3\d\d/);
    await page.getByRole("combobox", { name: "Program" }).selectOption({ label: "BCOM — B.Com" });
    await expect(page).toHaveURL(/program=\d+/);
    await expect(page.getByTestId("pagination-summary")).toContainText("of 75");
    await page.getByRole("button", { name: "Number" }).click();
    await expect(page).toHaveURL(/sort=number/);
    await page.reload();
    await expect(page.getByTestId("pagination-summary")).toContainText("of 75");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const file = await download;
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(76);
  });
});

test.describe("as an admin", () => {
  test.use({ role: "admin" });

  test("a list page fetches nothing ahead for the pages it links to; a click still opens one", async ({ page }) => {
    const ahead: string[] = [];
    page.on("request", (r) => {
      if (r.headers()["next-router-prefetch"]) ahead.push(r.url());
    });
    await page.goto("/candidates");
    const first = page.getByTestId("candidates-table").getByRole("link").first();
    await expect(first).toBeVisible();
    // Links scrolled past and hovered: still nothing fetched ahead.
    await page.mouse.wheel(0, 2000);
    await first.hover();
    await page.getByRole("link", { name: "Courses", exact: true }).first().hover();
    await first.click();
    await expect(page).toHaveURL(/\/candidates\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(ahead).toEqual([]);
  });

  test("on a phone, an empty list's message sits in the visible part of the sideways-scrolling table", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/candidates?q=zzzz-nobody-here");
    const message = page.getByText("No candidates match");
    await expect(message).toBeVisible();
    const box = (await message.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  });
});
