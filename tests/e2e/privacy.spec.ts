import { expect, test } from "./fixtures/test";

test.describe("as an admin", () => {
  test.use({ role: "admin" });

  test("an admin downloads a candidate's data, then erases them after typing the candidate number", async ({ page }) => {
    const stamp = Date.now();
    const name = `Privacy Person ${stamp}`;
    const number = `PRIV-${stamp}`;
    await page.goto("/candidates/new");
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("Candidate number").fill(number);
    await page.locator("#email").fill(`privacy.${stamp}@students.test`);
    await page.getByTestId("guardian-0").getByLabel("Name").fill(`Guardian Of ${stamp}`);
    await page.getByRole("button", { name: "Create candidate" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    const privacy = page.getByTestId("privacy");

    const download = page.waitForEvent("download");
    await privacy.getByRole("link", { name: "Download data (JSON)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`candidate-${number}.json`);
    const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    const data = JSON.parse(text);
    expect(data.candidate.fullName).toBe(name);
    expect(data.guardians[0].fullName).toBe(`Guardian Of ${stamp}`);

    await privacy.getByRole("button", { name: "Erase candidate…" }).click();
    const dialog = page.getByRole("dialog");
    // A wrong confirmation and no reason: errors beside the fields, what was typed kept.
    await dialog.getByLabel(`Type ${number} to confirm`).fill("PRIV-0");
    await dialog.getByRole("button", { name: "Erase for good" }).click();
    await expect(dialog.locator("#reason-error")).toHaveText("Say why this candidate's data is being erased");
    await expect(dialog.getByLabel(`Type ${number} to confirm`)).toHaveValue("PRIV-0");
    await dialog.getByLabel("Reason").fill("Erasure request by email");
    await dialog.getByRole("button", { name: "Erase for good" }).click();
    await expect(dialog.locator("#confirm-error")).toContainText(`Type the candidate number ${number}`);
    await dialog.getByLabel(`Type ${number} to confirm`).fill(number);
    await dialog.getByRole("button", { name: "Erase for good" }).click();

    await expect(page.getByTestId("erased-state")).toContainText(/Erased on \d\d-\d\d-\d{4}/);
    await expect(page.getByRole("heading", { name: /^Erased candidate #\d+/ })).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
    await expect(privacy.getByRole("button", { name: "Erase candidate…" })).toHaveCount(0);
    await expect(privacy.getByRole("link", { name: "Download data (JSON)" })).toBeVisible();
  });
});

test.describe("as a counsellor", () => {
  test.use({ role: "counsellor" });

  test("faculty and counsellors see no privacy tools and cannot download a candidate's data", async ({ page, playwright, baseURL }) => {
    await page.goto("/candidates");
    await page.getByTestId("candidates-table").locator('a[href^="/candidates/"]').first().click();
    await page.waitForURL(/\/candidates\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("privacy")).toHaveCount(0);
    const id = /\/candidates\/(\d+)/.exec(page.url())![1];
    const res = await page.request.get(`/api/candidates/${id}/export`);
    expect(res.status()).toBe(403);
    // And with no session at all (this test's `request`, and any new one, would carry the counsellor's).
    const signedOut = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    expect((await signedOut.get(`/api/candidates/${id}/export`)).status()).toBe(401);
    await signedOut.dispose();
  });
});
